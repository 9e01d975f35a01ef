#pragma once
// For the benchmark only: a local test CA (EC P-256, in memory) that issues certificates over a
// small pool of pre-generated RSA 2048 user keys, so filling a data directory with many users
// costs one signature per certificate instead of one key generation per key. Every certificate
// gets its own serial, so each key history entry is distinct, as kms.db requires.
//
// Issuing goes from a DER template per pool key: the serial and the subject's number are written
// into the template's bytes and the result is signed, so a certificate costs one ECDSA signature
// (OpenSSL 3.0 builds an encoder for every public key it sets in an X509, which took most of the
// fill's time) and the PKCS#8 bytes of each pool key are encoded once.
#include <cstdint>
#include <vector>

#include "common/secret.hpp"
#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::bench {

class bench_ca {
 public:
  explicit bench_ca(int pool_size);

  // The DER of a certificate for pool key `serial % pool size`, with `serial` (below 2 * 10^12) as
  // serial number and "bench user <serial / 2>" as subject.
  std::vector<std::uint8_t> issue_der(std::uint64_t serial) const;
  const crypto::private_key& key_for(std::uint64_t serial) const { return pool_[serial % pool_.size()].key; }
  // key_for(serial) as PKCS#8 DER.
  const secret& pkcs8_for(std::uint64_t serial) const { return pool_[serial % pool_.size()].pkcs8; }

 private:
  struct pool_key {
    crypto::private_key key;
    secret pkcs8;
    std::vector<std::uint8_t> tbs;        // the template's to-be-signed part
    std::vector<std::uint8_t> algorithm;  // its signature AlgorithmIdentifier
    std::size_t serial_at = 0;            // where in tbs the serial's low 7 bytes are
    std::size_t number_at = 0;            // where in tbs the subject's number is
  };
  pool_key templated(crypto::private_key key) const;

  crypto::private_key ca_key_;
  crypto::certificate ca_cert_;
  std::vector<pool_key> pool_;
};

}  // namespace arbor::km::bench
