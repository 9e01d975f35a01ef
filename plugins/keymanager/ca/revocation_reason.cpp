#include "ca/revocation_reason.hpp"

#include <algorithm>
#include <cctype>

#include "common/km_error.hpp"

namespace arbor::km::ca {

std::string_view rfc5280_name(revocation_reason reason) {
  switch (reason) {
    case revocation_reason::unspecified: return "unspecified";
    case revocation_reason::key_compromise: return "keyCompromise";
    case revocation_reason::ca_compromise: return "cACompromise";
    case revocation_reason::affiliation_changed: return "affiliationChanged";
    case revocation_reason::superseded: return "superseded";
    case revocation_reason::cessation_of_operation: return "cessationOfOperation";
    case revocation_reason::certificate_hold: return "certificateHold";
    case revocation_reason::remove_from_crl: return "removeFromCRL";
    case revocation_reason::privilege_withdrawn: return "privilegeWithdrawn";
    case revocation_reason::aa_compromise: return "aACompromise";
  }
  throw error(errc::internal, "An unknown revocation reason was used.",
              "revocation_reason value " + std::to_string(static_cast<int>(reason)));
}

std::optional<revocation_reason> parse_rfc5280_name(std::string_view name) {
  const auto same = [&](std::string_view known) {
    return std::equal(known.begin(), known.end(), name.begin(), name.end(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
  };
  for (const revocation_reason reason : all_revocation_reasons)
    if (same(rfc5280_name(reason))) return reason;
  return std::nullopt;
}

}  // namespace arbor::km::ca
