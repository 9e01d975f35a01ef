#pragma once
// Writing the audit trail as CSV (RFC 4180) to a new file, all or nothing: rows go to a temporary
// file beside the target, which is synced and then linked to the target name only if no file of
// that name appeared meanwhile. A crash leaves at most the temporary file, never half a target.
#include <arbor/sdk/sdk.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace auditlog {

/// One CSV field: quoted when it holds a comma, quote or line break, quotes doubled. A field
/// that a spreadsheet would run as a formula (starting with = + - @) gets a leading apostrophe.
std::string csv_field(std::string_view text);

/// "2026-11-25T09:15:00Z" for seconds since 1970 UTC.
std::string utc_time(std::int64_t time_s);

/// Reads `trail` with `who` into the new file `target` (mode 0600), header first, counting the
/// records on `shown` (the console's progress service; null: nothing shown). Returns the number
/// of records written. Errors: conflict when `target` exists, failed on I/O errors, cancelled
/// when the operator cancelled (no file is written), and whatever the trail refuses (denied for
/// wrong passwords).
arbor::sdk::result<std::uint64_t> export_csv(arbor::sdk::audit_trail& trail,
                                             const std::vector<arbor::sdk::credential>& who,
                                             const std::filesystem::path& target, arbor::sdk::progress* shown);

}  // namespace auditlog
