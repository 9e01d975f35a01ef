#pragma once
// The administrators table: names and Argon2id password hashes. Hashing and the rules (never
// remove the last one, ...) live in auth/; this is storage only.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// One administrator. Names compare case-insensitively.
struct administrator_record {
  std::string name;
  std::string password_hash;  // Argon2id encoded string, never a password
  bool must_change = false;   // set for the initial "password" until it is changed
  std::chrono::sys_seconds created_at{};
  std::chrono::sys_seconds changed_at{};
};

// Reads and writes administrator rows.
class administrator_repository {
 public:
  explicit administrator_repository(sqlite::connection& db) : db_(db) {}

  // errc::conflict when the name is taken.
  void add(const administrator_record& admin);
  std::optional<administrator_record> find(std::string_view name);
  std::vector<administrator_record> list();  // by name
  std::int64_t count();
  bool remove(std::string_view name);
  // errc::not_found when there is no such administrator.
  void set_password(std::string_view name, std::string_view password_hash, bool must_change,
                    std::chrono::sys_seconds now);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
