// Enroll Users: adds users (typed in, or from a CSV file) or gives an existing user a new
// enrollment so they get another key. Each user gets a one-time enrollment token, shown here once.
#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "workflows/enroll_users.hpp"
#include "workflows/enrollment_settings.hpp"
#include "workflows/user_csv.hpp"
#include "wizards/console_progress.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"
#include "wizards/typed_path.hpp"

#include <algorithm>

namespace arbor::km::wizards {
namespace {

constexpr const char* source_manual = "manual";
constexpr const char* source_csv = "csv";
constexpr const char* source_reenroll = "re-enroll";

class enroll_users_wizard final : public task_wizard {
 public:
  explicit enroll_users_wizard(const environment& env) : task_wizard(env, "Enroll Users") {}

 private:
  static std::string source(const sdk::answers& a) {
    auto chosen = a.text("source", "source");
    return chosen.empty() ? source_manual : chosen;
  }

  std::string policy_task(const sdk::answers&) const override { return "enroll-users"; }

  std::vector<sdk::page> task_pages() const override {
    sdk::field from{"source", "Users to enroll", sdk::field_kind::choice, false,
                    {source_manual, source_csv, source_reenroll}, source_manual,
                    "manual: one new user typed in; csv: new users from a file; re-enroll: a new key for an "
                    "existing user."};
    sdk::field alias{"alias", "Alias", sdk::field_kind::text, false, {}, {},
                     "Up to 64 letters, digits and . _ @ -; unique."};
    sdk::field name{"display_name", "Display name", sdk::field_kind::text, false, {}, {},
                    "Shown in the user's certificate; the alias when empty."};
    sdk::field email{"email", "E-mail address", sdk::field_kind::text, false, {}, {}, "name@domain, in the certificate."};
    sdk::field csv{"csv", "CSV file", sdk::field_kind::path, false, {}, {},
                   "A header line \"alias,display name,email\", then one user a line. A broken line stops the "
                   "import: nothing of the file is added."};
    return {sdk::page{"source", "Enroll Users", "Who to enroll.", {}, {from}, false},
            sdk::page{"users", "Users", "The users to enroll.", {}, {alias, name, email, csv}, false}};
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id != "users") return page;
    const auto from = source(so_far);
    const auto keep = [&](const sdk::field& f) {
      if (from == source_csv) return f.id == "csv";
      if (from == source_reenroll) return f.id == "alias";
      return f.id != "csv";
    };
    page.fields.erase(std::remove_if(page.fields.begin(), page.fields.end(), [&](const sdk::field& f) { return !keep(f); }),
                      page.fields.end());
    for (auto& f : page.fields) f.required = f.id != "display_name";
    const auto lifetime_s = workflows::read_enrollment_settings(kms().db()).token_lifetime_s;
    page.info = {"Tokens are valid for " + std::to_string(lifetime_s / 3600) + " hours and are shown once."};
    return page;
  }

  std::vector<workflows::new_user> users_to_add(const sdk::answers& a) const {
    if (source(a) == source_csv) {
      const auto path = a.text("users", "csv");
      if (path.empty()) throw error(errc::bad_input, "Type the path of the CSV file under 'CSV file'.");
      return workflows::read_user_csv(typed_path(path));
    }
    return {workflows::new_user(a.text("users", "alias"), a.text("users", "display_name"), a.text("users", "email"))};
  }

  workflows::enroll_users_request request(const sdk::answers& a) const {
    if (source(a) == source_reenroll)
      return workflows::enroll_users_request::reenroll(a.text("users", "alias"), authorization().actor());
    return workflows::enroll_users_request::add(users_to_add(a), authorization().actor());
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id == "users") request(so_far);
  }

  sdk::summary run_task(const sdk::answers& all) override {
    console_progress progress(env().progress);
    const auto enrolled = workflows::enroll_users(kms(), request(all), progress);
    const auto& invitations = enrolled.invitations;
    sdk::table t{"Enrollment tokens (shown once: hand each to its user)",
                 {{"user", "User"}, {"token", "Token"}, {"expires", "Expires"}}, {}, invitations.size()};
    for (const auto& invited : invitations)
      t.rows.push_back({invited.alias, std::string(invited.token.view()), utc_text(invited.expires_at)});
    return sdk::summary{"Users enrolled",
                        {{"count", "Users", std::to_string(invitations.size()), {}},
                         {"message", "Message to users", enrolled.user_message, {}}},
                        std::move(t)};
  }
};

}  // namespace

wizard_ptr make_enroll_users_wizard(const environment& env) { return std::make_unique<enroll_users_wizard>(env); }

}  // namespace arbor::km::wizards
