#include "transfer/key_merge.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "common/km_error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"
#include "crypto/thumbprint.hpp"
#include "escrow/history_entry.hpp"
#include "escrow/key_sealing.hpp"
#include "store/random_id.hpp"
#include "transfer/rfc3339.hpp"

namespace arbor::km::transfer {
namespace {

std::string key_name(const key_record& key, const user_record& user) {
  return "key " + std::to_string(key.seq) + " of user " + user.alias + " (" + user.user_id + ")";
}

// The key, parsed and proven to belong to `cert`; nothing is sealed before this holds.
crypto::private_key checked_key(const key_record& key, const crypto::certificate& cert, const std::string& name) {
  auto parsed = [&] {
    try {
      return crypto::private_key::from_pkcs8_der(key.private_key_der);
    } catch (const error& e) {
      throw error(errc::corrupt, "The transfer file holds a private key that does not parse: " + name + ".", e.what());
    }
  }();
  if (!parsed.matches(cert))
    throw error(errc::corrupt, "The transfer file's " + name + " does not belong to its certificate: nothing was imported.");
  return parsed;
}

// The file carries the store's status words and RFC 3339 times (docs/transfer-format.md); kms.db
// keeps the status as an enum and times as Unix seconds.
store::key_status status_of(const key_record& key, const std::string& name) {
  try {
    return store::parse_key_status(key.status);
  } catch (const error&) {
    throw error(errc::corrupt, "The transfer file gives " + name + " the status '" + key.status +
                                   "', which this Key Manager does not know (valid, revoked, revocation-pending).");
  }
}

std::int64_t added_at_of(const key_record& key, const std::string& name) {
  const auto when = from_rfc3339(key.added_at, name + " added_at");
  return std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
}

crypto::certificate parsed_certificate(const key_record& key, const std::string& name) {
  try {
    return crypto::certificate::from_bytes(key.certificate_der, name);
  } catch (const error& e) {
    throw error(errc::corrupt, "The transfer file holds a certificate that does not parse: " + name + ".", e.what());
  }
}

}  // namespace

merged_keys merge_keys(const crypto::master_key& master, store::key_history_repository& history,
                       std::string_view owner_id, user_record& incoming) {
  std::sort(incoming.keys.begin(), incoming.keys.end(),
            [](const key_record& a, const key_record& b) { return a.seq < b.seq; });
  merged_keys result;
  for (key_record& key : incoming.keys) {
    const std::string name = key_name(key, incoming);
    const auto cert = parsed_certificate(key, name);
    if (history.find_by_cert_sha256(crypto::sha256_hex(cert))) {
      ++result.already_present;
      key.private_key_der.clear();
      continue;
    }
    const auto private_key = checked_key(key, cert, name);
    key.private_key_der.clear();
    const std::string key_id = store::random_id();
    auto entry = escrow::history_entry(std::string(owner_id), key_id, cert,
                                       escrow::seal_user_key(master, private_key, owner_id, key_id),
                                       added_at_of(key, name));
    entry.status = status_of(key, name);
    history.append(entry);
    ++result.added;
  }
  return result;
}

}  // namespace arbor::km::transfer
