#pragma once
// The name an export file gets in the KMSData directory, and what earlier, interrupted exports
// left there: `<name>.tmp-<hex>`, incomplete and never imported (readers refuse a file without
// its trailer). The export journal deletes those of the exports it knows when it resolves them
// (server/interrupted_exports.hpp); these are the others, for example from a full disk. Leftovers
// are found by their names alone: nothing in KMSData is opened to look.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>


namespace arbor::km::workflows {

// A new export file's name in the KMSData directory, checked by the one rule set there is: the
// writer and the workflow take it and never check again (the staged writer still refuses, when
// it links the complete file, a file that appeared meanwhile).
class export_file_name {
 public:
  // errc::bad_input naming what is wrong when `name` is empty, contains a path separator, is not
  // valid UTF-8, contains a control character (C0, DEL, C1) or a bidi control, is too long for
  // the file system once the staged writer's temporary suffix is added, is "." or "..", contains
  // "..", looks like a staged temporary name, or starts with a dot; errc::conflict when
  // `data_dir`/`name` already exists (a file is never replaced).
  export_file_name(std::string_view name, const std::filesystem::path& data_dir);

  // errc::internal when this name was checked for another directory than `data_dir`.
  void check_in(const std::filesystem::path& data_dir) const;

  const std::string& name() const noexcept { return name_; }
  const std::filesystem::path& path() const noexcept { return path_; }  // data_dir / name

 private:
  std::string name_;
  std::filesystem::path path_;
};

// The temporary files interrupted exports left in `data_dir`, by name.
std::vector<std::string> find_export_leftovers(const std::filesystem::path& data_dir);

// One line for an operator about the leftover `file_name`.
std::string describe_leftover(const std::string& file_name);

}  // namespace arbor::km::workflows
