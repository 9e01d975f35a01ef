#include "workflows/key_merge.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "common/km_error.hpp"
#include "workflows/history_entry.hpp"
#include "instance/key_sealing.hpp"
#include "store/random_id.hpp"
#include "crypto/public_key_match.hpp"

namespace arbor::km::workflows {
namespace {

std::string key_name(const transfer::key_record& key, const transfer::user_record& user) {
  return "key " + std::to_string(key.seq) + " of user " + user.alias + " (" + user.user_id + ")";
}

// Proves the key belongs to `cert` (and, for RSA, that it is whole): nothing is sealed before
// this holds. RSA keys are read from their DER; others are decoded by OpenSSL.
void check_key(crypto::pkcs8_decoder& keys, const transfer::key_record& key, const crypto::certificate_facts& cert, const std::string& name) {
  const bool matches = [&] {
    try {
      if (const auto rsa = crypto::rsa_pkcs8_matches(key.private_key_der, cert.subject_public_key_info)) return *rsa;
      return crypto::public_key_matches(keys.decode(key.private_key_der), cert.subject_public_key_info);
    } catch (const error& e) {
      throw error(errc::corrupt, "The transfer file holds a private key that does not parse: " + name + ".", e.what());
    }
  }();
  if (!matches)
    throw error(errc::corrupt, "The transfer file's " + name + " does not belong to its certificate: nothing was imported.");
}

// The file carries the store's status words and RFC 3339 times (docs/transfer-format.md); kms.db
// keeps the status as an enum and times as Unix seconds. The source revokes every certificate it
// exports once the file is written (the status in the file predates that), so a key that was
// valid there is recorded here as revoked: the destination re-enrolls its users, it never hands
// out a moved certificate as current.
store::key_status imported_status(const transfer::key_record& key, const std::string& name) {
  const auto status = [&] {
    try {
      return store::parse_key_status(key.status);
    } catch (const error&) {
      throw error(errc::corrupt, "The transfer file gives " + name + " the status '" + key.status +
                                     "', which this Key Manager does not know (valid, revoked, revocation-pending).");
    }
  }();
  return status == store::key_status::valid ? store::key_status::revoked : status;
}

}  // namespace

checked_user check_user(crypto::pkcs8_decoder& keys, transfer::user_record&& incoming) {
  checked_user out;
  out.user = std::move(incoming);
  std::sort(out.user.keys.begin(), out.user.keys.end(),
            [](const transfer::key_record& a, const transfer::key_record& b) { return a.seq < b.seq; });
  out.keys.reserve(out.user.keys.size());
  for (transfer::key_record& key : out.user.keys) {
    const std::string name = key_name(key, out.user);
    auto cert = crypto::certificate_facts::from_der(std::move(key.certificate_der), name);
    check_key(keys, key, cert, name);
    out.keys.push_back({std::move(cert), std::move(key.private_key_der), imported_status(key, name),
                        key.added_at});
  }
  out.user.keys.clear();
  return out;
}

merged_keys merge_keys(const crypto::sealing_key& sealing, store::history_appender& history,
                       std::string_view owner_id, std::vector<checked_key>& keys) {
  merged_keys result;
  for (checked_key& key : keys) {
    std::string key_id = store::random_id();
    // The PKCS#8 bytes as they came (they were checked, with nothing after them), bound as escrow
    // binds every sealed key; re-encoding the parsed key would only cost time.
    auto sealed = sealing.seal(key.private_key_der, km::key_binding(owner_id, key_id));
    key.private_key_der.clear();
    auto entry = workflows::history_entry(std::string(owner_id), std::move(key_id), std::move(key.facts),
                                       std::move(sealed), key.added_at);
    entry.status = key.status;
    if (history.append_unless_present(entry)) {
      ++result.added;
    } else {
      ++result.already_present;
    }
  }
  return result;
}

}  // namespace arbor::km::workflows
