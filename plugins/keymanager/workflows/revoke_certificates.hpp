#pragma once
// Revoke Certificates: revokes the chosen users' certificates at Certificate Services with a
// reason. What the CA does not confirm waits in the pending-revocation queue.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ca/certificate_services.hpp"
#include "instance/key_manager.hpp"
#include "workflows/progress.hpp"
#include "workflows/revocation.hpp"
#include "workflows/user_selection.hpp"

namespace arbor::km::workflows {

/// Every user's alias, in the users' order: whom an operator may choose.
std::vector<std::string> user_aliases(key_manager& kms);

/// The users whose alias matches `pattern` as a request matches it: how many, and the first
/// `limit` aliases (the page shows them while the pattern is typed).
pattern_matches aliases_matching(key_manager& kms, const std::string& pattern, std::size_t limit);

/// The reasons an operator may give, by their RFC 5280 names, in the RFC's order.
std::vector<std::string> revocation_reason_names();

/// The users whose keys to revoke, those keys, and why.
class revoke_certificates_request {
 public:
  /// Resolves the users named in `aliases` or whose alias matches `pattern` (* and ?,
  /// case-insensitive; empty: none) to the keys of theirs `which` selects, leaving out users
  /// with none. `reason_name` is one of revocation_reason_names() (empty or another word:
  /// unspecified). errc::bad_input when no chosen user has a valid certificate to revoke.
  revoke_certificates_request(key_manager& kms, const std::vector<std::string>& aliases, const std::string& pattern,
                              key_selection which, std::string_view reason_name, std::string actor);

  const std::vector<revocation_subject>& subjects() const noexcept { return subjects_; }
  ca::revocation_reason reason() const noexcept { return reason_; }
  const std::string& actor() const noexcept { return actor_; }  // the administrators, as audited

 private:
  std::vector<revocation_subject> subjects_;
  ca::revocation_reason reason_;
  std::string actor_;
};

struct revoke_certificates_result {
  std::vector<user_revocation> users;  // in the order of the request's subjects
  std::size_t revoked = 0;             // certificates the CA confirmed
  std::size_t queued = 0;              // certificates waiting for Retry Pending Revocations
};

/// Revokes the request's keys at `ca` (revoke_keys) and audits "certificates-revoked" with the
/// counts and the reason. Never throws for CA failures: those keys are queued. Cancelled before
/// anything changes when `progress` asks.
revoke_certificates_result revoke_certificates(key_manager& kms, ca::certificate_services& ca,
                                               const revoke_certificates_request& request, progress& progress);

}  // namespace arbor::km::workflows
