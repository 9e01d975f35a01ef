#pragma once
// Import Users, before anything changes: which file, who signed it, and what importing it would
// do. Every function here only reads; the import itself is import_users.hpp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "instance/key_manager.hpp"
#include "store/transfers.hpp"
#include "transfer/transfer_reader.hpp"
#include "workflows/import_source.hpp"

namespace arbor::km::workflows {

// errc::conflict, saying when, if this server has already imported (or itself exported) the
// transfer `transfer_id`: the same file must never land twice.
void refuse_if_already_recorded(store::transfer_log& log, std::string_view transfer_id);

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

// Reads the whole file with every check (refusals as in transfer_reader, only from the accepted
// source) and classifies each user against kms.db. Writes nothing. Memory holds one user at a
// time plus the bounded unknown list.
import_plan plan_import(key_manager& kms, const accepted_source& source);

}  // namespace arbor::km::workflows
