#include "store/key_status.hpp"

#include <string>

#include "common/km_error.hpp"

namespace arbor::km::store {

std::string_view to_string(key_status status) {
  switch (status) {
    case key_status::valid:
      return "valid";
    case key_status::revoked:
      return "revoked";
    case key_status::revocation_pending:
      return "revocation-pending";
  }
  throw error(errc::internal, "unknown key status", std::to_string(static_cast<int>(status)));
}

key_status parse_key_status(std::string_view word) {
  for (const key_status s : {key_status::valid, key_status::revoked, key_status::revocation_pending}) {
    if (to_string(s) == word) return s;
  }
  throw error(errc::corrupt, "kms.db holds a key status this Key Manager does not know",
              "status '" + std::string(word) + "'");
}

}  // namespace arbor::km::store
