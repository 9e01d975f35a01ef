#pragma once
// Key material for the benchmark: a small pool of RSA 2048 user keys with self-signed
// certificates, generated once and reused for every synthetic user so setup stays fast.
#include <cstdint>
#include <vector>

#include "common/secret.hpp"

namespace arbor::km::bench {

// One user key as the store would hand it over: certificate DER and PKCS#8 DER.
struct pooled_key {
  std::vector<std::uint8_t> certificate_der;
  secret private_key_der;
};

std::vector<pooled_key> make_key_pool(int count);

}  // namespace arbor::km::bench
