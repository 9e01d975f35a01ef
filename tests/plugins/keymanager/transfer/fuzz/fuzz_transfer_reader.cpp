// libFuzzer target: the transfer reader must turn any file into users or a km::error, never
// crash, hang, leak or read out of bounds. The reader decrypts with a destination identity, so
// the target keeps one in a directory of its own (ARBOR_FUZZ_IDENTITY_DIR, else next to the
// binary) and reuses it across runs; that way seeds encrypted to it stay decryptable and the
// fuzzer reaches the signature, payload and trailer checks, not only the outer CMS layer.
// Seeding: with ARBOR_FUZZ_SEED_DIR set, start-up also writes one small valid transfer file
// there (scripts/fuzz does this before fuzzing).
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "common/atomic_file.hpp"
#include "common/km_error.hpp"
#include "crypto/file_reader.hpp"
#include "crypto/server_identity.hpp"
#include "transfer/transfer_reader.hpp"
#include "transfer/transfer_writer.hpp"

namespace {

namespace fs = std::filesystem;
namespace km = arbor::km;
using namespace std::chrono_literals;

// Fixed times, so a seed written today is not expired when the fuzzer reads it next year.
const std::chrono::sys_seconds written_at = std::chrono::sys_days{std::chrono::year{2025} / 3 / 1};
const std::chrono::sys_seconds read_at = written_at + 1h;

std::optional<km::crypto::server_identity> destination;
fs::path input_file;

fs::path identity_dir(const char* argv0) {
  if (const char* dir = std::getenv("ARBOR_FUZZ_IDENTITY_DIR")) return dir;
  return fs::absolute(argv0).parent_path() / "fuzz_transfer_reader.identity";
}

// The fuzzer's own throwaway destination, kept between runs so its seeds stay readable: the key as
// plain PKCS#8 (0600) beside its certificate. A test identity; the Key Manager never does this.
km::crypto::server_identity load_or_create(const fs::path& dir) {
  const fs::path key_file = dir / "fuzz-destination.key.der";
  if (fs::exists(key_file)) {
    const auto der = km::crypto::read_file(key_file, 64 * 1024);
    return km::crypto::server_identity::from_parts(
        km::crypto::private_key::from_pkcs8_der(km::secret(der.data(), der.size())),
        km::crypto::certificate::from_file(dir / km::crypto::server_identity::certificate_file));
  }
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  auto identity = km::crypto::server_identity::generate(km::crypto::key_type::ec_p384, "fuzz destination",
                                                        std::chrono::days(3650), written_at - 24h);
  const auto der = identity.key().to_pkcs8_der();
  km::write_file_atomically(key_file, {der.data(), der.size()}, 0600, km::if_exists::refuse);
  km::crypto::server_identity::write_certificate(identity.cert(), dir);
  return identity;
}

// Two users in two segments and the trailer: small enough for libFuzzer's default input size.
void write_seed(const fs::path& dir) {
  const auto source = km::crypto::server_identity::generate(km::crypto::key_type::ec_p384, "fuzz source",
                                                            std::chrono::days(3650), written_at - 24h);
  km::transfer::transfer_writer writer(dir / "seed.kmx", source, destination->cert(), km::transfer::new_transfer_id(),
                                       [] { return written_at; }, {64, std::chrono::days(30)});
  for (const char* alias : {"alice", "bob"}) {
    km::transfer::user_record user{std::string("id-") + alias, alias, alias, std::string(alias) + "@example.org",
                                   "active", {}};
    km::transfer::key_record key;
    key.key_id = "k1";
    key.seq = 1;
    key.status = "valid";
    key.added_at = written_at;
    key.certificate_der = {0x30, 0x03, 0x02, 0x01, 0x01};
    key.private_key_der = km::secret("not a key");
    user.keys.push_back(std::move(key));
    writer.add_user(user);
  }
  writer.finish();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  destination.emplace(load_or_create(identity_dir((*argv)[0])));
  input_file = fs::temp_directory_path() / ("fuzz_transfer_reader-" + std::to_string(::getpid()) + ".kmx");
  if (const char* seeds = std::getenv("ARBOR_FUZZ_SEED_DIR"); seeds && !fs::exists(fs::path(seeds) / "seed.kmx"))
    write_seed(seeds);
  (void)argc;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(input_file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const km::transfer::transfer_reader reader(input_file, *destination, [] { return read_at; });
  try {
    std::int64_t users = 0;
    const auto summary = reader.read([&](km::transfer::user_record&&) { ++users; });
    // A file that passed every check must be one whose trailer counted what was delivered.
    if (summary.trailer.users != users) __builtin_trap();
  } catch (const km::error&) {
    // Refusing is the expected outcome for almost every input.
  }
  return 0;
}
