#pragma once
// Resolving exports whose process died between recording its intent and the transaction that
// removes its users (store/export_journal.hpp), each time the Key Manager opens. A file under the
// export's name whose digest is the one recorded is complete and may already be on its way to the
// destination: the export rolls forward (its users are removed, their certificates queued for
// revocation, the transfer recorded). Anything else is not that file: the export's temporary
// files are deleted, its users stay, and a file under that name that it did not complete is left
// alone. Either way the journal entry goes and the resolution is audited.
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
                                                         std::int64_t now);

}  // namespace arbor::km
