#pragma once
// Operator settings (CA address, timeouts, token lifetime, ...) as key/value pairs. Reads take
// the default the caller knows, so a setting never written needs no row.
#include <cstdint>
#include <string>
#include <string_view>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// Typed access to the settings table.
class settings_repository {
 public:
  explicit settings_repository(sqlite::connection& db) : db_(db) {}

  std::string get_text(std::string_view key, std::string_view fallback);
  // errc::corrupt when the stored value is not an integer.
  std::int64_t get_int(std::string_view key, std::int64_t fallback);
  bool get_bool(std::string_view key, bool fallback);

  void set_text(std::string_view key, std::string_view value);
  void set_int(std::string_view key, std::int64_t value);
  void set_bool(std::string_view key, bool value);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
