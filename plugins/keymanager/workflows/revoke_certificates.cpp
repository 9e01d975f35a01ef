#include "workflows/revoke_certificates.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <utility>

#include "ca/revocation_reason.hpp"
#include "common/km_error.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "workflows/cancellation.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {
namespace {

bool alias_matches(const std::string& pattern, const std::string& alias) {
  return !pattern.empty() && ::fnmatch(pattern.c_str(), alias.c_str(), FNM_CASEFOLD) == 0;
}

std::vector<store::user_record> chosen_users(key_manager& kms, const std::vector<std::string>& aliases,
                                             const std::string& pattern) {
  std::vector<store::user_record> users;
  store::user_repository(kms.db()).for_each([&](const store::user_record& u) {
    const bool picked = std::find(aliases.begin(), aliases.end(), u.alias) != aliases.end() ||
                        alias_matches(pattern, u.alias);
    if (picked) users.push_back(u);
  });
  return users;
}

ca::revocation_reason reason_named(std::string_view name) {
  return ca::parse_rfc5280_name(name).value_or(ca::revocation_reason::unspecified);
}

}  // namespace

std::vector<std::string> user_aliases(key_manager& kms) {
  std::vector<std::string> aliases;
  store::user_repository(kms.db()).for_each([&](const store::user_record& u) { aliases.push_back(u.alias); });
  return aliases;
}

pattern_matches aliases_matching(key_manager& kms, const std::string& pattern, std::size_t limit) {
  pattern_matches found;
  store::user_repository(kms.db()).for_each([&](const store::user_record& u) {
    if (!alias_matches(pattern, u.alias)) return;
    ++found.count;
    if (found.first.size() < limit) found.first.push_back(u.alias);
  });
  return found;
}

std::vector<std::string> revocation_reason_names() {
  std::vector<std::string> names;
  for (const auto reason : ca::all_revocation_reasons) names.emplace_back(ca::rfc5280_name(reason));
  return names;
}

revoke_certificates_request::revoke_certificates_request(key_manager& kms, const std::vector<std::string>& aliases,
                                                         const std::string& pattern, key_selection which,
                                                         std::string_view reason_name, std::string actor)
    : reason_(reason_named(reason_name)), actor_(std::move(actor)) {
  store::key_history_repository history(kms.db());
  for (const auto& u : chosen_users(kms, aliases, pattern)) {
    auto keys = keys_to_revoke(history.list_for_user(u.user_id), which);
    if (!keys.empty()) subjects_.push_back({u.alias, u.user_id, std::move(keys)});
  }
  if (subjects_.empty()) throw error(errc::bad_input, "None of the chosen users has a valid certificate to revoke.");
}

revoke_certificates_result revoke_certificates(key_manager& kms, ca::certificate_services& ca,
                                               const revoke_certificates_request& request, progress& progress) {
  progress.phase("Revoking certificates", 1);
  stop_if_cancelled(progress);
  revoke_certificates_result result;
  result.users = revoke_keys(kms.db(), ca, request.subjects(), request.reason(), kms.clock().now());
  progress.step("done");
  for (const user_revocation& user : result.users) {
    result.revoked += user.confirmed_count();
    result.queued += user.keys.size() - user.confirmed_count();
  }
  record_audit(kms, request.actor(), "certificates-revoked",
                std::to_string(result.revoked) + " revoked, " + std::to_string(result.queued) + " queued, reason " +
                    std::string(ca::rfc5280_name(request.reason())), audit_outcome::success);
  return result;
}

}  // namespace arbor::km::workflows
