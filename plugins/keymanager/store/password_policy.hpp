#pragma once
// The multiple-password policy as stored: per task, how many distinct administrators must enter
// their passwords. A task without a row needs one. What the numbers mean is decided in auth/.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// One policy row.
struct policy_entry {
  std::string task;
  std::int64_t required = 1;
};

// Reads and writes the per-task requirements.
class policy_repository {
 public:
  explicit policy_repository(sqlite::connection& db) : db_(db) {}

  std::int64_t required_for(std::string_view task);  // 1 when the task has no row
  // The largest requirement over all tasks (1 when the policy is empty).
  std::int64_t largest();
  // errc::bad_input for `required` < 1.
  void set(std::string_view task, std::int64_t required);
  std::vector<policy_entry> list();  // by task

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
