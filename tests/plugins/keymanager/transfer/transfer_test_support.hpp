#pragma once
// Shared by the transfer tests: server identities (generated once per process), a fixed clock,
// synthetic users, and helpers to take a transfer file apart and put it back together, which is
// how the refusal tests build damaged and hostile files.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <openssl/rand.h>

#include "../crypto/crypto_test_support.hpp"
#include "crypto/server_identity.hpp"
#include "crypto/cms_seal.hpp"
#include "transfer/object_stream.hpp"
#include "transfer/transfer_writer.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::test {

using namespace std::chrono_literals;
using transfer::user_record;

inline const std::chrono::sys_seconds t0 =
    std::chrono::sys_days{std::chrono::year{2025} / 3 / 1} + 12h;

inline transfer::clock_fn fixed_clock(std::chrono::sys_seconds when = t0) {
  return [when] { return when; };
}

// Generated once per process (RSA 3072 keys take a moment), valid around the real time, so the
// openssl tool, which checks validity against its own clock, accepts them.
inline const crypto::server_identity& identity(crypto::key_type type, const std::string& name) {
  static std::map<std::string, crypto::server_identity> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache.emplace(name, crypto::server_identity::generate(
                                 type, name, std::chrono::days(3650), std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - 24h)).first;
  }
  return it->second;
}
inline const crypto::server_identity& source_server() { return identity(crypto::key_type::ec_p384, "kms-source"); }
inline const crypto::server_identity& rsa_destination() { return identity(crypto::key_type::rsa3072, "kms-dest-rsa"); }
inline const crypto::server_identity& ec_destination() { return identity(crypto::key_type::ec_p384, "kms-dest-ec"); }
inline const crypto::server_identity& other_server() { return identity(crypto::key_type::ec_p384, "kms-other"); }

inline std::vector<std::uint8_t> random_bytes(std::size_t n) {
  std::vector<std::uint8_t> out(n);
  RAND_bytes(out.data(), static_cast<int>(n));
  return out;
}

// User `n` with `n % 3 + 1` keys of random bytes (the format carries DER without parsing it),
// and names that need JSON escaping.
inline user_record sample_user(int n) {
  user_record u;
  u.user_id = "u-" + std::to_string(n);
  u.alias = "user" + std::to_string(n);
  u.display_name = "Zoë \"Z\" Ünal\\" + std::to_string(n) + "\t";
  u.email = "user" + std::to_string(n) + "@example.org";
  u.state = n % 2 ? "active" : "disabled";
  for (int k = 0; k <= n % 3; ++k) {
    transfer::key_record key;
    key.key_id = u.user_id + "-k" + std::to_string(k);
    key.seq = k + 1;
    key.status = k == n % 3 ? "current" : "archived";
    key.added_at = std::chrono::sys_days{std::chrono::year{2024} / 1 / (k + 1)};
    key.certificate_der = random_bytes(700 + static_cast<std::size_t>(k));
    const std::vector<std::uint8_t> key_bytes = random_bytes(1200 + static_cast<std::size_t>(n % 7));
    key.private_key_der = secret(key_bytes.data(), key_bytes.size());
    u.keys.push_back(std::move(key));
  }
  return u;
}

inline std::vector<user_record> sample_users(int count) {
  std::vector<user_record> users;
  for (int n = 0; n < count; ++n) users.push_back(sample_user(n));
  return users;
}

// Writes `users` from the source server to `destination` as `dir`/`name`.
inline transfer::trailer_facts write_transfer(const std::filesystem::path& dir, const std::string& name,
                                              const crypto::certificate& destination,
                                              const std::vector<user_record>& users,
                                              std::size_t segment_bytes = std::size_t{1} << 20,
                                              std::string transfer_id = transfer::new_transfer_id(),
                                              std::chrono::seconds lifetime = std::chrono::days(30)) {
  transfer::transfer_writer writer(dir / name, source_server(), destination, std::move(transfer_id),
                                   fixed_clock(), {segment_bytes, lifetime});
  for (const user_record& u : users) writer.add_user(u);
  return writer.finish();
}

// The top-level DER objects of a file, in order.
inline std::vector<std::vector<std::uint8_t>> split_objects(const std::filesystem::path& file) {
  transfer::object_stream stream(file, std::size_t{64} << 20);
  std::vector<std::vector<std::uint8_t>> objects;
  while (auto object = stream.next()) objects.emplace_back(object->begin(), object->end());
  return objects;
}

inline void join_objects(const std::filesystem::path& file,
                         const std::vector<std::vector<std::uint8_t>>& objects) {
  std::vector<std::uint8_t> bytes;
  for (const auto& o : objects) bytes.insert(bytes.end(), o.begin(), o.end());
  write_bytes(file, bytes);
}

// An object with any payload, signed by `signer` and encrypted to `recipient`: a hostile file.
inline std::vector<std::uint8_t> forge_object(const std::string& payload,
                                              const crypto::server_identity& signer,
                                              const crypto::certificate& recipient) {
  return crypto::seal_payload(payload, signer.cert(), signer.key(), recipient);
}

}  // namespace arbor::km::test
