#pragma once
// Import Users: the users of a transfer file another Key Management server exported to this one,
// with their whole key histories, land in kms.db completely or not at all. One export or import
// at a time (transfer_lock); an automatic backup first; then one transaction that reads the file
// with every check, adds new users, merges known ones without duplicating a key, leaves unknown
// users out unless the operator resolved them to an existing user, records the transfer id so
// the file never lands twice, and audits. The file is streamed: memory holds one user at a time.
// The steps before it (the file's signer, the operator's acceptance) audit their refusals as
// "users-import-refused"; the import audits "users-imported", succeeded or failed.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "instance/key_manager.hpp"
#include "transfer/transfer_reader.hpp"
#include "workflows/import_source.hpp"
#include "workflows/progress.hpp"

namespace arbor::km::workflows {

// The operator's decisions for unknown users: user id -> alias of the existing user whose key
// history receives theirs. An unknown user not named here is not imported.
using unknown_resolutions = std::map<std::string, std::string, std::less<>>;

// The signer of the file `file_name` in the KMSData directory (import_file and import_source
// refusals), for the operator to compare. A refusal is audited as "users-import-refused" by `actor`.
import_source preview_import(key_manager& kms, const opened_vault& keys, std::string_view actor,
                             std::string_view file_name);

// The source, once `typed` matched its signer (accepted_source refusals, with `words`). A refusal
// is audited as "users-import-refused" by `actor`.
accepted_source accept_source(key_manager& kms, std::string_view actor, const import_source& source,
                              std::string_view typed, const thumbprint_words& words);

// An unknown user as the operator decides about it: their names, and the aliases of this
// server's users whose alias or e-mail address they share (the users they may be merged into).
struct unknown_user {
  std::string user_id;
  std::string alias;
  std::string email;
  std::vector<std::string> candidate_aliases;
};

// How the users of a file relate to this server's.
struct import_counts {
  std::int64_t users = 0;
  std::int64_t keys = 0;
  std::int64_t new_users = 0;
  std::int64_t known_users = 0;  // their keys are merged, without duplicates
  std::int64_t unknown_users = 0;
};

// What importing the file would do, and the verified facts of the file.
struct import_plan {
  transfer::transfer_summary file;
  import_counts counts;
  std::vector<unknown_user> unknown;  // the first max_listed_unknown, in file order
};

// How many unknown users a plan lists for the operator: the list is held in memory and shown on
// one page, so it is bounded; unknown users past it are not imported.
inline constexpr std::size_t max_listed_unknown = 200;

// What importing the file would do, before anything changes: reads the whole file with every
// check (refusals as in transfer_reader, only from the accepted source; errc::conflict for a
// transfer already imported) and classifies each user against kms.db. Writes nothing. Memory
// holds one user at a time plus the bounded unknown list.
import_plan plan_import(key_manager& kms, const opened_vault& keys, const accepted_source& source);

// What to import, as the operator confirmed it.
struct import_request {
  accepted_source source;
  std::string expected_transfer_id;  // the transfer the plan showed; empty: not checked
  std::int64_t users = 0;            // the plan's count of users: the progress's total
  unknown_resolutions resolutions;
  std::string actor;  // who is audited as having imported
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
// e-mail; errc::cancelled when `progress` is cancelled (it is asked after each user, inside the
// transaction). Every refusal is audited as a failed "users-imported". Failpoints:
// "import-after-backup", "import-mid-transaction" (after the first user is written).
import_result import_users(key_manager& kms, const opened_vault& keys, const import_request& request,
                           progress& progress);

}  // namespace arbor::km::workflows
