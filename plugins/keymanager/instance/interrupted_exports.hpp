#pragma once
// Resolving exports whose process died between recording its intent and the transaction that
// removes its users (store/export_journal.hpp), each time the Key Manager opens. The journal
// records the complete file's digest once it is on disk under its temporary name, before it is
// linked into place, so:
//  - no digest recorded: the file was never complete; its temporary is deleted, the users stay;
//  - the file under the export's name has the digest: it is complete and may already be on its
//    way to the destination, so the export rolls forward (the users are removed, their
//    certificates queued for revocation, the transfer recorded);
//  - a temporary still has the digest: the file was never placed; it is deleted, the users stay;
//  - neither: the file was placed and then moved away (to the destination, typically) or replaced,
//    so the export rolls forward too: its users are in that file.
// A roll-forward is refused when the chosen users no longer match what the file holds; the file,
// if here, is then deleted and the users stay. Every resolution removes the journal entry and is
// audited; a file that cannot be read now leaves the entry for a later open.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/data_directory.hpp"
#include "store/sqlite.hpp"

namespace arbor::km {

// The audit event of a resolution, which the details pane shows for a week.
inline constexpr std::string_view interrupted_export_event = "interrupted-export-resolved";

// What resolving one interrupted export did.
struct resolved_export {
  std::string transfer_id;
  std::string file_name;
  bool rolled_forward = false;  // false: the file was incomplete or not there, and the users stayed
  std::string note;             // one sentence for the operator, also the audit detail
};

// Resolves every entry of the export journal, unless another export or import holds the transfer
// lock (it may be that very export, still running): then nothing is touched until a later open.
std::vector<resolved_export> resolve_interrupted_exports(store::sqlite::connection& db, const store::data_directory& dir,
                                                         std::chrono::sys_seconds now);

}  // namespace arbor::km
