#include "transfer/encoded_user.hpp"

#include "transfer/record_codec.hpp"

namespace arbor::km::transfer {

encoded_user::encoded_user(const user_record& user) : keys_(user.keys.size()) { append_user_line(user, line_); }

}  // namespace arbor::km::transfer
