#pragma once
// Where a certificate stands with Certificate Services, and the words kms.db stores for it: the
// one mapping every query and every reader uses (the schema's CHECK constraint lists the same
// words; migrations are history and keep their text).
#include <string_view>

namespace arbor::km::store {

enum class key_status {
  valid = 1,
  revoked,
  revocation_pending,  // revocation requested but not yet accepted; see the revocation queue
};

// "valid", "revoked", "revocation-pending": the words stored in kms.db.
std::string_view to_string(key_status status);
// The inverse of to_string; errc::corrupt for any other word.
key_status parse_key_status(std::string_view word);

}  // namespace arbor::km::store
