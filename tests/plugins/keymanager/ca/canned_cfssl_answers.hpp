#pragma once
// Answers recorded from cfssl 1.2 (Debian golang-cfssl), used as canned bodies in unit tests.
#include <string_view>

namespace arbor::km::ca::testing {

// A certificate cfssl signed for "Alice Example" <alice@example.org> with the user-encryption
// profile. Serial 0x611F60CA...F515, AKI 8F:C7:99:...:46:D4 (printed by openssl x509 -text).
inline constexpr std::string_view issued_pem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIICszCCAligAwIBAgIUYR9gylg4xe6aOlQn3l9/4cEt9RUwCgYIKoZIzj0EAwIw\n"
    "GDEWMBQGA1UEAxMNQXJib3IgVGVzdCBDQTAeFw0yNjExMjUwNDE4MDBaFw0yNzEx\n"
    "MjUwNDE4MDBaMDgxDjAMBgNVBAoTBUFyYm9yMQ4wDAYDVQQLEwVVc2VyczEWMBQG\n"
    "A1UEAxMNQWxpY2UgRXhhbXBsZTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoC\n"
    "ggEBAJs9IfU2e4nE8QK9Hj1pOIjlYtEP9nXW/3kwRyavNgKO+idOkqzUu/OEILZq\n"
    "S4RuCXdLXP6F0SnLJ/Zdr+Xn+xNFNAJ83GmhSExSHpQ37JDo1X8wIskcZHtb0a+t\n"
    "yuIdKvIANrhB4nZsAQzeCzLBs73QQWCFdvkUxvc0lnWQl4m1rXWUJj/BIr8bUWzS\n"
    "oo1xYxgDkj7o6BfAqXOuOOQwXCbeCcKfk+cBjq82+/l5mv84SgE0zqXZDzGT4EW1\n"
    "pp0sbUigeTng/4XbJLsz8vTx6QMm4mmD9A5o2fm+baViF7Ze6npgWbGhhnXME6Nj\n"
    "nzRkRgaBhkHEvOa+nRcamwxChjMCAwEAAaOBlDCBkTAOBgNVHQ8BAf8EBAMCBaAw\n"
    "EwYDVR0lBAwwCgYIKwYBBQUHAwQwDAYDVR0TAQH/BAIwADAdBgNVHQ4EFgQUg3rX\n"
    "nVg2m/ankN+6oeUCTg12zpwwHwYDVR0jBBgwFoAUj8eZKqxMtBVol6mOb/m0k32V\n"
    "RtQwHAYDVR0RBBUwE4ERYWxpY2VAZXhhbXBsZS5vcmcwCgYIKoZIzj0EAwIDSQAw\n"
    "RgIhAJr2rjDW/s7I9hExAv1FYbiXrE3zNUmVwgd+IAwjaiZuAiEAmXUNyW0EJkFo\n"
    "G3MtJ9U+IUtypqjgSj6JfIoKSBrJEG8=\n"
    "-----END CERTIFICATE-----\n";
inline constexpr std::string_view issued_serial_decimal = "554471859504821296973126610469853786054417315093";
inline constexpr std::string_view issued_authority_key_id = "8fc7992aac4cb4156897a98e6ff9b4937d9546d4";

// cfssl's answer to a revoke it performed.
inline constexpr std::string_view revoke_confirmed = R"({"success":true,"result":{},"errors":[],"messages":[]})";
// cfssl's answer to a revoke of a serial it does not hold (or under another AKI).
inline constexpr std::string_view revoke_not_found =
    R"({"success":false,"result":null,"errors":[{"code":11200,"message":"failed to revoke the certificate: certificate not found"}],"messages":[]})";
// cfssl's answer to a sign request whose CSR does not parse.
inline constexpr std::string_view sign_csr_rejected =
    R"({"success":false,"result":null,"errors":[{"code":9002,"message":"CSR Decode failed"}],"messages":[]})";

}  // namespace arbor::km::ca::testing
