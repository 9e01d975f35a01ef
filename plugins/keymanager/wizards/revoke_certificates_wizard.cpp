// Revoke Certificates: revokes the chosen users' certificates at Certificate Services with a
// reason. What the CA does not confirm waits in the pending-revocation queue.
#include "common/km_error.hpp"
#include "workflows/ca_settings.hpp"
#include "workflows/revoke_certificates.hpp"
#include "wizards/console_progress.hpp"
#include "wizards/factories.hpp"
#include "wizards/pattern_preview.hpp"
#include "wizards/task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

constexpr const char* keys_current = "current";
constexpr const char* keys_all_valid = "all-valid";

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
    sdk::field reason{"reason", "Reason", sdk::field_kind::choice, false, workflows::revocation_reason_names(),
                      "unspecified", "The CRL reason (RFC 5280)."};
    sdk::field confirm{"confirm", "Revoke now? This cannot be undone.", sdk::field_kind::confirmation, true, {}, "no", {}};
    return {sdk::page{"revoke", "Revoke Certificates", "Whose certificates to revoke, and why.", {},
                      {users, pattern, keys, reason, confirm}, false}};
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    page.fields.front().options = workflows::user_aliases(kms());
    // Shown while the pattern is typed (SDK 1.2 live pages).
    if (const auto pattern = so_far.text("revoke", "pattern"); !pattern.empty())
      page.info = pattern_preview(pattern, workflows::aliases_matching(kms(), pattern, previewed_aliases));
    return page;
  }

  workflows::revoke_certificates_request request(const sdk::answers& a) {
    const auto which = a.text("revoke", "keys") == keys_all_valid ? workflows::key_selection::all_valid
                                                                   : workflows::key_selection::current;
    return {kms(), a.items("revoke", "users"), a.text("revoke", "pattern"), which, a.text("revoke", "reason"),
            authorization().actor()};
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id != "revoke") return;
    if (so_far.items("revoke", "users").empty() && so_far.text("revoke", "pattern").empty())
      throw error(errc::bad_input, "Choose users under 'Users' or type a pattern under 'Or aliases matching'.");
    request(so_far);
    if (!so_far.yes("revoke", "confirm"))
      throw error(errc::bad_input, "Nothing was revoked: answer Yes to 'Revoke now? This cannot be undone.' to revoke.");
  }

  sdk::summary run_task(const sdk::answers& all) override {
    const auto chosen = request(all);
    const auto ca = workflows::open_certificate_services(kms().db());
    console_progress progress(env().progress);
    const auto outcome = workflows::revoke_certificates(kms(), *ca, chosen, progress);

    sdk::table t{"Certificates", {{"user", "User"}, {"serial", "Serial"}, {"result", "Result"}}, {}, 0};
    std::vector<std::string> queued;
    for (const auto& user : outcome.users) {
      for (const auto& key : user.keys) {
        t.rows.push_back({user.user_alias, key.serial_hex, key.confirmed() ? "revoked" : "queued: " + std::string(key.failure->what())});
        if (!key.confirmed()) queued.push_back(user.user_alias + " " + key.serial_hex + ": " + key.failure->what());
      }
    }
    t.total_rows = t.rows.size();
    sdk::summary s{queued.empty() ? "Certificates revoked" : "Some revocations wait for Certificate Services",
                   {{"revoked", "Revoked", std::to_string(outcome.revoked), {}},
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
