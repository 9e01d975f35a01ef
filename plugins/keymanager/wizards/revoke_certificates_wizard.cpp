// Revoke Certificates: revokes the chosen users' certificates at Certificate Services with a
// reason. What the CA does not confirm waits in the pending-revocation queue.
#include "ca/revocation_reason.hpp"
#include "common/km_error.hpp"
#include "workflows/ca_settings.hpp"
#include "workflows/revocation.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "wizards/factories.hpp"
#include "wizards/progress_steps.hpp"
#include "wizards/task_wizard.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace arbor::km::wizards {
namespace {

constexpr const char* keys_current = "current";
constexpr const char* keys_all_valid = "all-valid";

std::vector<std::string> reason_names() {
  std::vector<std::string> names;
  for (const auto reason : ca::all_revocation_reasons) names.emplace_back(ca::rfc5280_name(reason));
  return names;
}

std::vector<std::string> all_aliases(store::sqlite::connection& db) {
  std::vector<std::string> aliases;
  store::user_repository(db).for_each([&](const store::user_record& u) { aliases.push_back(u.alias); });
  return aliases;
}

class revoke_certificates_wizard final : public task_wizard {
 public:
  explicit revoke_certificates_wizard(const environment& env) : task_wizard(env, "Revoke Certificates") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "revoke-certificates"; }

  std::vector<sdk::page> task_pages() const override {
    sdk::field users{"users", "Users", sdk::field_kind::multi_select, false, {}, {}, "The users whose certificates to revoke."};
    sdk::field pattern{"pattern", "Or aliases matching", sdk::field_kind::text, false, {}, {},
                       "A pattern with * and ? (e.g. contractor-*), case-insensitive."};
    sdk::field keys{"keys", "Certificates", sdk::field_kind::choice, false, {keys_current, keys_all_valid}, keys_current,
                    "current: each user's newest certificate; all-valid: every certificate not yet revoked."};
    sdk::field reason{"reason", "Reason", sdk::field_kind::choice, false, reason_names(), "unspecified",
                      "The CRL reason (RFC 5280)."};
    sdk::field confirm{"confirm", "Revoke now? This cannot be undone.", sdk::field_kind::confirmation, true, {}, "no", {}};
    return {sdk::page{"revoke", "Revoke Certificates", "Whose certificates to revoke, and why.", {},
                      {users, pattern, keys, reason, confirm}, false}};
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers&) override {
    auto page = declared;
    page.fields.front().options = all_aliases(kms().db());
    return page;
  }

  // The chosen users with the keys to revoke; users with none are left out.
  std::vector<workflows::revocation_subject> subjects(const sdk::answers& a) {
    const auto chosen = a.items("revoke", "users");
    const auto pattern = a.text("revoke", "pattern");
    const auto which = a.text("revoke", "keys") == keys_all_valid ? workflows::key_selection::all_valid
                                                                   : workflows::key_selection::current;
    store::key_history_repository history(kms().db());
    std::vector<store::user_record> users;
    store::user_repository(kms().db()).for_each([&](const store::user_record& u) {
      const bool picked = std::find(chosen.begin(), chosen.end(), u.alias) != chosen.end() ||
                          (!pattern.empty() && ::fnmatch(pattern.c_str(), u.alias.c_str(), FNM_CASEFOLD) == 0);
      if (picked) users.push_back(u);
    });
    std::vector<workflows::revocation_subject> found;
    for (const auto& u : users) {
      auto keys = workflows::keys_to_revoke(history.list_for_user(u.user_id), which);
      if (!keys.empty()) found.push_back({u.alias, u.user_id, std::move(keys)});
    }
    return found;
  }

  static ca::revocation_reason reason(const sdk::answers& a) {
    const auto name = a.text("revoke", "reason");
    return name.empty() ? ca::revocation_reason::unspecified
                        : ca::parse_rfc5280_name(name).value_or(ca::revocation_reason::unspecified);
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id != "revoke") return;
    if (so_far.items("revoke", "users").empty() && so_far.text("revoke", "pattern").empty())
      throw error(errc::bad_input, "Choose users (field 'users') or type a pattern (field 'pattern').");
    if (subjects(so_far).empty())
      throw error(errc::bad_input, "None of the chosen users has a valid certificate to revoke.");
    if (!so_far.yes("revoke", "confirm"))
      throw error(errc::bad_input, "Nothing was revoked: confirm (field 'confirm') to revoke.");
  }

  sdk::summary run_task(const sdk::answers& all) override {
    const auto chosen = subjects(all);
    progress_steps steps(env().progress, "Revoking certificates", 1);
    steps.stop_if_cancelled();
    const auto ca = workflows::open_certificate_services(kms().db());
    const auto outcomes = workflows::revoke_certificates(kms().db(), *ca, chosen, reason(all), kms().clock().now());
    steps.advance("done");

    sdk::table t{"Certificates", {{"user", "User"}, {"serial", "Serial"}, {"result", "Result"}}, {}, 0};
    std::size_t revoked = 0;
    std::vector<std::string> queued;
    for (const auto& user : outcomes) {
      for (const auto& key : user.keys) {
        t.rows.push_back({user.user_alias, key.serial_hex, key.confirmed() ? "revoked" : "queued: " + std::string(key.failure->what())});
        if (key.confirmed())
          ++revoked;
        else
          queued.push_back(user.user_alias + " " + key.serial_hex + ": " + key.failure->what());
      }
    }
    t.total_rows = t.rows.size();
    audit("certificates-revoked", std::to_string(revoked) + " revoked, " + std::to_string(queued.size()) + " queued, reason " +
                                      std::string(ca::rfc5280_name(reason(all))));
    sdk::summary s{queued.empty() ? "Certificates revoked" : "Some revocations wait for Certificate Services",
                   {{"revoked", "Revoked", std::to_string(revoked), {}},
                    {"queued", "Queued for retry", std::to_string(queued.size()), queued}},
                   std::move(t)};
    if (!queued.empty())
      s.items.push_back({"next", "Next step", "Run Retry Pending Revocations once Certificate Services is back.", {}});
    return s;
  }
};

}  // namespace

wizard_ptr make_revoke_certificates_wizard(const environment& env) {
  return std::make_unique<revoke_certificates_wizard>(env);
}

}  // namespace arbor::km::wizards
