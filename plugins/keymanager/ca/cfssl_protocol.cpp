#include "ca/cfssl_protocol.hpp"

#include <boost/json.hpp>

#include <cstdint>

#include "common/km_error.hpp"

namespace arbor::km::ca::cfssl {
namespace {

namespace json = boost::json;

// The start of an answer, printable, for the technical detail of an error.
std::string excerpt(long http_status, std::string_view body) {
  constexpr std::size_t limit = 200;
  std::string text = "HTTP " + std::to_string(http_status) + ", body: ";
  for (const char c : body.substr(0, limit)) text += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (body.size() > limit) text += "...";
  return text;
}

[[noreturn]] void not_cfssl(long http_status, std::string_view body) {
  throw error(errc::ca_error,
              "Certificate Services answered with something that is not a cfssl response. Check that "
              "the address in the Certificate Services properties points to the CA server.",
              excerpt(http_status, body));
}

// "CSR Decode failed (cfssl error 9002); ..." from the envelope's errors array.
std::string reasons(const json::object& envelope) {
  std::string text;
  const json::value* errors = envelope.if_contains("errors");
  if (errors != nullptr && errors->is_array()) {
    for (const json::value& entry : errors->get_array()) {
      const json::object* fields = entry.if_object();
      if (fields == nullptr) continue;
      if (!text.empty()) text += "; ";
      const json::value* message = fields->if_contains("message");
      text += (message != nullptr && message->is_string()) ? std::string(message->get_string()) : "no message";
      const json::value* code = fields->if_contains("code");
      if (code != nullptr && code->is_int64()) text += " (cfssl error " + std::to_string(code->get_int64()) + ")";
    }
  }
  return text.empty() ? "it gave no reason" : text;
}

// The envelope's result when success is true. what says what was asked, for the error text.
json::value result_of(long http_status, std::string_view body, const std::string& what) {
  boost::system::error_code parse_error;
  json::value answer = json::parse(body, parse_error);
  json::object* envelope = parse_error ? nullptr : answer.if_object();
  const json::value* success = envelope != nullptr ? envelope->if_contains("success") : nullptr;
  if (success == nullptr || !success->is_bool()) not_cfssl(http_status, body);
  if (!success->get_bool()) {
    throw error(errc::ca_error, "Certificate Services refused to " + what + ": " + reasons(*envelope) + ".",
                "HTTP " + std::to_string(http_status));
  }
  json::value* result = envelope->if_contains("result");
  return result != nullptr ? std::move(*result) : json::value();
}

}  // namespace

std::string sign_body(const std::string& csr_pem, const enroll_request& request) {
  json::object body{{"certificate_request", csr_pem}, {"profile", request.profile}};
  if (!request.common_name.empty()) body["subject"] = json::object{{"CN", request.common_name}};
  // cfssl puts a host containing '@' into the certificate as an rfc822Name.
  if (!request.email.empty()) body["hosts"] = json::array{json::value(request.email)};
  return json::serialize(body);
}

std::string revoke_body(const revocation& request) {
  // cfssl 1.2 (Debian golang-cfssl 1.2.0+git20160825) writes every certificate it signs into
  // its database with authority_key_identifier = '' (an empty string), whatever AKI the
  // certificate carries, and revoke looks the row up by (serial, authority_key_id) verbatim.
  // Found by experiment: sending the certificate's real AKI (lowercase hex) gets
  // {"code":11200,"message":"failed to revoke the certificate: certificate not found"};
  // sending "" revokes it (status 'revoked', reason code set). So request.authority_key_id is
  // deliberately not sent. Later cfssl releases file the AKI as lowercase hex
  // (hex.EncodeToString), which is what request.authority_key_id holds: a client for those
  // would send it here.
  return json::serialize(json::object{{"serial", request.serial_decimal},
                                      {"authority_key_id", ""},
                                      {"reason", std::string(rfc5280_name(request.reason))}});
}

std::string signed_certificate(long http_status, std::string_view body) {
  const json::value result = result_of(http_status, body, "sign the certificate request");
  const json::object* fields = result.if_object();
  const json::value* certificate = fields != nullptr ? fields->if_contains("certificate") : nullptr;
  if (certificate == nullptr || !certificate->is_string()) not_cfssl(http_status, body);
  return std::string(certificate->get_string());
}

void confirm_revocation(long http_status, std::string_view body, const revocation& request) {
  result_of(http_status, body, "revoke the certificate with serial number " + request.serial_decimal);
}

}  // namespace arbor::km::ca::cfssl
