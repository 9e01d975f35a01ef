#include "crypto/sealing.hpp"

#include <openssl/rand.h>

#include <cstdio>

#include "common/km_error.hpp"
#include "crypto/file_reader.hpp"
#include "crypto/ossl.hpp"
#include "crypto/sealed_blob.hpp"

namespace arbor::km::crypto {
namespace {

// The layout in sealing.hpp: no header between the version byte and the nonce.
constexpr sealed_blob_format format(1, 0,
                                    "the sealed data does not verify: it was changed, belongs elsewhere, or was "
                                    "sealed with a different key");

std::string mode_text(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

}  // namespace

sealing_key::sealing_key(secret key) : key_(std::move(key)) {
  if (key_.size() != size) throw error(errc::internal, "a sealing key must have 32 bytes");
}

sealing_key sealing_key::generate() {
  secret key(size);
  ossl::require_ok(RAND_priv_bytes(key.data(), static_cast<int>(key.size())), "could not generate a sealing key");
  return sealing_key(std::move(key));
}

sealing_key sealing_key::load_file(const std::filesystem::path& path) {
  file_reader file(path);
  const mode_t mode = file.status().st_mode;
  if ((mode & 077) != 0) {
    throw error(errc::io,
                "the master key file " + path.string() + " can be accessed by other users (mode " +
                    mode_text(mode) + "); restrict it with: chmod 600 " + path.string());
  }
  if (file.status().st_size != static_cast<off_t>(size)) {
    throw error(errc::corrupt,
                "the master key file " + path.string() + " is damaged: it has " +
                    std::to_string(file.status().st_size) + " bytes instead of " +
                    std::to_string(size) + ". Restore it from your backup of the data directory");
  }
  secret key(size);
  file.read_exactly(key.data(), key.size());
  return sealing_key(std::move(key));
}

std::vector<std::uint8_t> sealing_key::seal(const secret& plaintext,
                                           std::string_view associated_data) const {
  std::vector<std::uint8_t> blob{format.version()};
  format.seal(key_, associated_data, plaintext, blob);
  return blob;
}

secret sealing_key::unseal(std::span<const std::uint8_t> blob,
                          std::string_view associated_data) const {
  return format.open(key_, blob, associated_data);
}

}  // namespace arbor::km::crypto
