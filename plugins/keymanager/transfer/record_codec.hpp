#pragma once
// One user per line of a segment payload (JSON Lines), in both directions. The field names and
// their meaning are specified in docs/transfer-format.md.
#include <string_view>

#include "common/secret.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::transfer {

// Appends `user` as one JSON object followed by '\n'. Private keys are base64-encoded straight
// into `out`, whose storage wipes itself.
void append_user_line(const user_record& user, secret& out);

// Parses one line (without its newline). Throws errc::corrupt naming the missing or malformed
// field and `where` (e.g. "user record 4 of segment 2").
user_record parse_user_line(std::string_view line, std::string_view where);

}  // namespace arbor::km::transfer
