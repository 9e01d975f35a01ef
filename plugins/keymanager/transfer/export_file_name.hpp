#pragma once
// The name an export file gets in the KMSData directory, and what earlier, interrupted exports
// left there. An export that died while writing leaves `<name>.tmp-<hex>` (incomplete, never
// imported: readers refuse a file without its trailer); one that died after placing the file but
// before its transaction leaves a complete file that the transfers log does not know, whose users
// are all still in the database.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::transfer {

// errc::bad_input naming what is wrong when `name` is empty, contains a path separator, is not
// valid UTF-8, contains a control character (C0, DEL, C1) or a bidi control, is too long for the
// file system once the staged writer's temporary suffix is added, is "." or "..", contains "..",
// or starts with a dot; errc::conflict when
// `data_dir`/`name` already exists (a file is never replaced).
void check_export_file_name(std::string_view name, const std::filesystem::path& data_dir);

// A file an interrupted export left in the KMSData directory.
struct export_leftover {
  enum class kind {
    incomplete = 1,  // a temporary file: the export stopped while writing; safe to delete
    unrecorded,      // a complete file no export recorded: its users were never removed here
  };
  kind what = kind::incomplete;
  std::string file_name;
};

// The leftovers in `data_dir`, by file name. A complete file is recognised by its first bytes
// (a CMS AuthEnvelopedData, as every transfer file starts) and counts as unrecorded when no
// export in the transfers log has its name: names are unique in the directory, and the transfer
// id inside the file is encrypted to the destination, so the name is what this server can check.
std::vector<export_leftover> find_export_leftovers(const std::filesystem::path& data_dir,
                                                   store::sqlite::connection& db);

// One line for an operator about `leftover`.
std::string describe(const export_leftover& leftover);

}  // namespace arbor::km::transfer
