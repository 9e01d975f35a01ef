#pragma once
// The short code of a certificate: eight characters an administrator reads over the telephone so
// the administrator of another Key Management server can check a certificate file, "K7QM-3XPA".
//
// An 8-digit SHA-1 prefix was forged in 2.5 minutes on 2 cores (32 bits, a hash that costs
// nothing). The code is 40 bits of Argon2id over the certificate's DER instead, with parameters
// that make each evaluation cost about 0.5 s and 128 MiB: finding a certificate with a given code
// takes 2^40 evaluations on average, some 17,000 core-years, and memory-hardness denies the
// attacker the cheap parallelism of GPUs. The parameters, the salt and test vectors
// are fixed in docs/transfer-format.md, "Short code"; changing any of them changes every code and
// needs a new salt version.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/certificate.hpp"

namespace arbor::km::crypto {

// Characters in a code.
inline constexpr std::size_t short_code_length = 8;

// The code of any bytes: 8 characters of Crockford's base32 (0-9 and A-Z without I, L, O, U),
// uppercase, without separator. Costs one Argon2id evaluation.
std::string short_code_of(std::span<const std::uint8_t> bytes);
// The code of a certificate: of its DER.
std::string short_code(const certificate& cert);

// "K7QM3XPA" -> "K7QM-3XPA": two groups of four, for reading aloud.
std::string grouped(std::string_view code);

// What an operator typed as a code in canonical form, or nullopt when it is not one: '-', ':'
// and white space are ignored, letters may be either case, and O, I and L are read as 0, 1 and 1
// (Crockford's decoding: they are easily heard or typed for those digits).
std::optional<std::string> typed_short_code(std::string_view typed);

// One certificate's code, computed once. A wizard keeps one per run, so its pages and checks
// pay for one evaluation; a different certificate (the file was replaced) is computed anew.
class short_code_memo {
 public:
  // How a code is computed: short_code_of, or in tests something that counts its calls.
  using code_fn = std::function<std::string(std::span<const std::uint8_t>)>;
  explicit short_code_memo(code_fn compute = short_code_of) : compute_(std::move(compute)) {}

  const std::string& of(const certificate& cert);

 private:
  code_fn compute_;
  std::vector<std::uint8_t> der_;
  std::string code_;
};

}  // namespace arbor::km::crypto
