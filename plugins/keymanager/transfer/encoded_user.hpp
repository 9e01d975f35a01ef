#pragma once
// One user's line of a transfer file, encoded (record_codec.hpp) and ready for the writer, with
// the number of keys it carries. It can only be made by encoding a user record, so the writer
// appends nothing else; an export encodes users on several threads and writes them in order.
#include <cstddef>
#include <string_view>

#include "common/secret.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::transfer {

class encoded_user {
 public:
  explicit encoded_user(const user_record& user);

  std::string_view line() const noexcept { return line_.view(); }
  std::size_t keys() const noexcept { return keys_; }

 private:
  secret line_;  // holds private keys: wiped when dropped
  std::size_t keys_;
};

}  // namespace arbor::km::transfer
