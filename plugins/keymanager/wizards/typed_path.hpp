#pragma once
// A path the operator typed, made absolute against the console's working directory before any
// check: every message about it (missing, exists, not a certificate...) then names the directory
// a relative path was taken from.
#include <filesystem>
#include <string_view>
#include <system_error>

namespace arbor::km::wizards {

inline std::filesystem::path typed_path(std::string_view typed) {
  if (typed.empty()) return {};
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(std::filesystem::path(typed), ec);
  return ec ? std::filesystem::path(typed) : absolute;
}

}  // namespace arbor::km::wizards
