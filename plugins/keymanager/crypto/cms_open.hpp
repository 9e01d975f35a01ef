#pragma once
// The reverse of seal_payload for one object of a transfer file: refuse unexpected algorithms,
// refuse an object not addressed to us, decrypt into a private buffer, then verify the inner
// SignedData and hand back the payload with the certificate that signed it.
#include <cstdint>
#include <span>
#include <string_view>

#include "common/secret.hpp"
#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::crypto {

// A verified payload and its signer. The signature is checked; whether the signer is trusted is
// the caller's decision (a server identity is self-signed, so there is no chain to build).
struct opened_payload {
  secret payload;
  crypto::certificate signer;
};

// `where` names the object in messages ("object 3 of the file"). Throws errc::bad_input when the
// object is encrypted to another server, errc::crypto when an algorithm is refused or decryption
// or the signature fails (the file was altered), errc::corrupt when the structure is damaged.
opened_payload open_payload(std::span<const std::uint8_t> der,
                            const crypto::certificate& recipient,
                            const crypto::private_key& recipient_key, std::string_view where);

}  // namespace arbor::km::crypto
