#include "wizards/token_task_wizard.hpp"

#include "common/atomic_file.hpp"
#include "common/km_error.hpp"
#include "workflows/enrollment.hpp"
#include "wizards/new_file_path.hpp"
#include "wizards/progress_steps.hpp"

#include <filesystem>

namespace arbor::km::wizards {
namespace {

constexpr const char* page_id = "token";

secret secret_answer(const sdk::answers& a, std::string_view field) { return secret(a.secret(page_id, field).view()); }

std::string alias_of(const sdk::answers& a) {
  auto alias = a.text(page_id, "alias");
  if (alias.empty()) throw error(errc::bad_input, "Type your alias (field 'alias').");
  return alias;
}

secret token_of(const sdk::answers& a) {
  auto token = secret_answer(a, "token");
  if (token.empty()) throw error(errc::bad_input, "Type the token an administrator gave you (field 'token').");
  return token;
}

secret password_of(const sdk::answers& a) {
  auto password = secret_answer(a, "password");
  if (!(password == secret_answer(a, "confirm_password")))
    throw error(errc::bad_input, "The two passwords differ: type the same password twice.");
  workflows::check_pkcs12_password(password);
  return password;
}

}  // namespace

token_task_wizard::token_task_wizard(const environment& env, std::string title, std::string action_id,
                                     std::string page_description)
    : task_wizard(env, title),
      title_(std::move(title)),
      action_id_(std::move(action_id)),
      page_description_(std::move(page_description)) {}

std::vector<sdk::page> token_task_wizard::task_pages() const {
  sdk::field alias{"alias", "Your alias", sdk::field_kind::text, true, {}, {}, "The alias an administrator enrolled you with."};
  sdk::field token{"token", "Token", sdk::field_kind::secret, true, {}, {}, "The one-time token an administrator gave you."};
  sdk::field password{"password", "Password for the PKCS#12 file", sdk::field_kind::secret, true, {}, {},
                      "At least 8 characters. You need it to open the file."};
  sdk::field again{"confirm_password", "Password again", sdk::field_kind::secret, true, {}, {}, {}};
  sdk::field output{"output", "Save the PKCS#12 file as", sdk::field_kind::path, true, {}, {},
                    "A new file (.p12), readable only by you; an existing file is never replaced."};
  return {sdk::page{page_id, title_, page_description_, {}, {alias, token, password, again, output}, false}};
}

void token_task_wizard::validate_page(std::string_view page, const sdk::answers& so_far) {
  if (page != page_id) return;
  const std::string alias = alias_of(so_far);
  password_of(so_far);
  check_new_file_path(so_far.text(page_id, "output"), "output", kms().directory().database_dir());
  check_token(alias, token_of(so_far));
}

sdk::summary token_task_wizard::run_task(const sdk::answers& all) {
  const std::filesystem::path output = all.text(page_id, "output");
  const std::string alias = alias_of(all);
  progress_steps steps(env().progress, title_, 2);
  steps.stop_if_cancelled();
  token_task_result result = redeem(alias, token_of(all), password_of(all));
  steps.advance("keys ready");
  try {
    write_file_atomically(output, result.pkcs12, 0600, if_exists::refuse);
  } catch (const error& e) {
    throw error(e.code(), std::string(e.what()) +
                              ". Your keys are safe in the Key Manager: ask an administrator for a recovery token.",
                e.technical());
  }
  steps.advance("file saved");
  audit(result.audit_event, result.audit_detail, "user " + alias);
  result.items.insert(result.items.begin(), {"file", "PKCS#12 file", std::filesystem::absolute(output).string(), {}});
  return sdk::summary{title_, std::move(result.items), {}};
}

}  // namespace arbor::km::wizards
