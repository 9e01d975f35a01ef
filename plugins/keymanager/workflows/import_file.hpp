#pragma once
// The transfer file an import reads: a checked fact, built once from the name the operator typed.
// Everything after takes this type, never the name or a path again.
#include <filesystem>
#include <string>
#include <string_view>

#include "store/data_directory.hpp"

namespace arbor::km::workflows {

class import_file {
 public:
  // The file `name` in this server's KMSData directory, where the operator moved it.
  // errc::bad_input for an empty name, a path separator, "." or "..", a control character, or a
  // name that is not a regular file there (a name too long for the file system is none either).
  // The reader opens it through crypto::file_reader, which checks again on the open descriptor.
  import_file(const store::data_directory& dir, std::string_view name);

  const std::filesystem::path& path() const noexcept { return path_; }
  // The name as typed, for messages, the audit and the transfer log.
  std::string name() const { return path_.filename().string(); }

  friend bool operator==(const import_file&, const import_file&) = default;

 private:
  std::filesystem::path path_;
};

}  // namespace arbor::km::workflows
