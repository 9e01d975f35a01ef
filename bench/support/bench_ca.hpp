#pragma once
// For the benchmark only: a local test CA (EC P-256, in memory) that issues certificates over a
// small pool of pre-generated RSA 2048 user keys, so filling a data directory with many users
// costs one signature per certificate instead of one key generation per key. Every certificate
// gets its own serial, so each key history entry is distinct, as kms.db requires.
#include <cstdint>
#include <vector>

#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::bench {

class bench_ca {
 public:
  explicit bench_ca(int pool_size);

  // A certificate for pool key `serial % pool size`, with `serial` as serial number.
  crypto::certificate issue(std::uint64_t serial) const;
  const crypto::private_key& key_for(std::uint64_t serial) const { return pool_[serial % pool_.size()]; }

 private:
  crypto::private_key ca_key_;
  crypto::certificate ca_cert_;
  std::vector<crypto::private_key> pool_;
};

}  // namespace arbor::km::bench
