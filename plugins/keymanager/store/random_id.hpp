#pragma once
// Identifiers the store mints itself (user, key and token ids).
#include <cstddef>
#include <string>

namespace arbor::km::store {

// `bytes` random bytes from the OpenSSL CSPRNG as lowercase hex. The default, 128 bits, is the
// size of every stable id in kms.db: unguessable, and unique without coordination between
// servers, which import relies on.
std::string random_id(std::size_t bytes = 16);

}  // namespace arbor::km::store
