#pragma once
// What the export and import benchmarks compare with: the openssl command line on a payload of
// the same JSON lines, with the same identities (RSA 3072 source and destination, SHA-256,
// AES-256-GCM, RSA-OAEP with SHA-256). Two anchors each:
//   streaming  `openssl cms -sign -stream | openssl cms -encrypt -stream`, the pipeline a
//              knowledgeable operator types (both steps at once, nothing held whole); the import's
//              is `openssl cms -decrypt | openssl cms -verify` on its output, the fastest correct
//              decrypt-and-verify line we found (the openssl tool reads a CMS input whole).
//   buffered   the same steps one after the other through files, without -stream: each holds the
//              whole message.
// The openssl tool reads a CMS input whole, so every anchor but the streaming sign-and-encrypt
// holds the whole message (about 10 GiB at a million users): those are skipped there.
#include <filesystem>

#include "measured_process.hpp"

namespace arbor::km::bench {

// The files the anchors read in `dir`: payload.jsonl, source.crt, source.key (PKCS#8 DER),
// dest.crt, and for decrypting dest.key (PKCS#8 DER).
struct anchor_files {
  std::filesystem::path dir;
};

// Signs and encrypts payload.jsonl into `out` (DER; indefinite lengths when streaming).
measured sign_encrypt_streaming(const anchor_files& files, const std::filesystem::path& out);
measured sign_encrypt_buffered(const anchor_files& files, const std::filesystem::path& out);

// Decrypts and verifies `message` (made by one of the above), the output going to /dev/null.
measured decrypt_verify_streaming(const anchor_files& files, const std::filesystem::path& message);
measured decrypt_verify_buffered(const anchor_files& files, const std::filesystem::path& message,
                                 const std::filesystem::path& scratch);

// Whether the anchors that hold the whole message are run for `users` users.
bool whole_message_anchor_fits(long users);

}  // namespace arbor::km::bench
