#pragma once
// Import Users: the users of a transfer file another Key Management server exported to this one,
// with their whole key histories, land in kms.db completely or not at all. One export or import
// at a time (transfer_lock); an automatic backup first; then one transaction that reads the file
// with every check, adds new users, merges known ones without duplicating a key, leaves unknown
// users out unless the operator resolved them to an existing user, records the transfer id so
// the file never lands twice, and audits. The file is streamed: memory holds one user at a time.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "instance/key_manager.hpp"
#include "workflows/import_plan.hpp"

namespace arbor::km::workflows {

// The operator's decisions for unknown users: user id -> alias of the existing user whose key
// history receives theirs. An unknown user not named here is not imported.
using unknown_resolutions = std::map<std::string, std::string, std::less<>>;

// What to import, as the operator confirmed it.
struct import_request {
  std::filesystem::path file;
  std::string accepted_source_sha256;  // the signer the operator checked (see plan_import)
  std::string expected_transfer_id;    // the transfer the plan showed; empty: not checked
  unknown_resolutions resolutions;
  std::string actor;  // who is audited as having imported
  // Called after each user, inside the transaction: progress, and cancellation by throwing
  // (errc::cancelled), which rolls the whole import back. May be empty.
  std::function<void(const transfer::user_record&)> after_user;
};

// What the import did.
struct import_result {
  std::string transfer_id;
  std::filesystem::path backup;
  std::int64_t imported = 0;       // new users added with their history
  std::int64_t merged = 0;         // users whose keys went into an existing user's history
  std::int64_t keys_imported = 0;
  std::int64_t keys_already_present = 0;
  std::int64_t not_imported = 0;   // unknown users left out
  std::vector<std::string> not_imported_aliases;  // the first max_listed_unknown of them
};

// Runs the import. Refusals leave kms.db unchanged: errc::conflict while another export or
// import runs or when the transfer was already imported (saying when); every refusal of
// transfer_reader (another recipient, own export, signature, trailer, truncation, segments,
// version, expiry); errc::corrupt for a key that does not belong to its certificate;
// errc::bad_input when a resolution names a user that does not share the unknown user's alias or
// e-mail; errc::cancelled from after_user. Failpoints: "import-after-backup",
// "import-mid-transaction" (after the first user is written).
import_result import_users(key_manager& kms, const import_request& request);

}  // namespace arbor::km::workflows
