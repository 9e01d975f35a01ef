#pragma once
// Why a certificate is revoked: the CRLReason values of RFC 5280 section 5.3.1, numbered as
// the RFC numbers them (7 is unused there, so it is absent here).
#include <array>
#include <optional>
#include <string_view>

namespace arbor::km::ca {

/// A CRL reason code. A user who moves to another Key Management server is affiliation_changed.
enum class revocation_reason {
  unspecified = 0,
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  certificate_hold = 6,
  remove_from_crl = 8,
  privilege_withdrawn = 9,
  aa_compromise = 10,
};

/// The reason's name as RFC 5280's ReasonFlags spells it ("affiliationChanged"). cfssl accepts
/// exactly these names (it compares them case-insensitively).
std::string_view rfc5280_name(revocation_reason reason);

/// The reason rfc5280_name() spells as `name` (compared case-insensitively, as cfssl does), or
/// nullopt for any other word: how a reason stored as text (the revocation queue) comes back.
std::optional<revocation_reason> parse_rfc5280_name(std::string_view name);

/// Every reason, in RFC order: what an operator may choose from.
inline constexpr std::array<revocation_reason, 10> all_revocation_reasons = {
    revocation_reason::unspecified,         revocation_reason::key_compromise,
    revocation_reason::ca_compromise,       revocation_reason::affiliation_changed,
    revocation_reason::superseded,          revocation_reason::cessation_of_operation,
    revocation_reason::certificate_hold,    revocation_reason::remove_from_crl,
    revocation_reason::privilege_withdrawn, revocation_reason::aa_compromise,
};

}  // namespace arbor::km::ca
