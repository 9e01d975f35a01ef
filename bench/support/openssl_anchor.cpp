#include "openssl_anchor.hpp"

#include <string>

namespace arbor::km::bench {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

std::string in_dir(const anchor_files& files, const char* name) { return quoted(files.dir / name); }

std::string sign(const anchor_files& files, const char* mode) {
  return std::string("openssl cms -sign ") + mode + "-binary -nodetach -md sha256 -signer " + in_dir(files, "source.crt") +
         " -inkey " + in_dir(files, "source.key") + " -keyform DER -in " + in_dir(files, "payload.jsonl") + " -outform DER";
}

std::string encrypt(const anchor_files& files, const char* mode) {
  return std::string("openssl cms -encrypt ") + mode + "-binary -aes-256-gcm -recip " + in_dir(files, "dest.crt") +
         " -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 -keyopt rsa_mgf1_md:sha256 -outform DER";
}

std::string decrypt(const anchor_files& files) {
  return "openssl cms -decrypt -binary -inform DER -recip " + in_dir(files, "dest.crt") + " -inkey " +
         in_dir(files, "dest.key") + " -keyform DER";
}

std::string verify(const anchor_files& files) {
  return "openssl cms -verify -binary -inform DER -CAfile " + in_dir(files, "source.crt") + " -out /dev/null 2>/dev/null";
}

measured sum(const measured& a, const measured& b) {
  return {a.seconds + b.seconds, a.cpu_seconds + b.cpu_seconds, std::max(a.peak_rss_mib, b.peak_rss_mib)};
}

}  // namespace

// Through /bin/sh: wait4() on the shell reports the CPU time of both processes of the pipeline
// (children it waited for) and the larger one's peak RSS.
measured sign_encrypt_streaming(const anchor_files& files, const fs::path& out) {
  return command("set -o pipefail; " + sign(files, "-stream ") + " | " + encrypt(files, "-stream ") + " -out " +
                 quoted(out));
}

measured sign_encrypt_buffered(const anchor_files& files, const fs::path& out) {
  const fs::path signed_der = out.string() + ".signed";
  const measured signing = command(sign(files, "") + " -out " + quoted(signed_der));
  const measured encrypting = command(encrypt(files, "") + " -in " + quoted(signed_der) + " -out " + quoted(out));
  fs::remove(signed_der);
  return sum(signing, encrypting);
}

measured decrypt_verify_streaming(const anchor_files& files, const fs::path& message) {
  return command("set -o pipefail; " + decrypt(files) + " -in " + quoted(message) + " | " + verify(files));
}

measured decrypt_verify_buffered(const anchor_files& files, const fs::path& message, const fs::path& scratch) {
  const fs::path decrypted = scratch / "decrypted.der";
  const measured decrypting = command(decrypt(files) + " -in " + quoted(message) + " -out " + quoted(decrypted));
  const measured verifying = command(verify(files) + " -in " + quoted(decrypted));
  fs::remove(decrypted);
  return sum(decrypting, verifying);
}

bool whole_message_anchor_fits(long users) { return users <= 200000; }

}  // namespace arbor::km::bench
