#include "wizards/token_task_wizard.hpp"

#include "common/km_error.hpp"
#include "wizards/console_progress.hpp"
#include "wizards/typed_path.hpp"

#include <utility>

namespace arbor::km::wizards {
namespace {

constexpr const char* page_id = "token";

secret secret_answer(const sdk::answers& a, std::string_view field) { return secret(a.secret(page_id, field).view()); }

workflows::presented_token token_of(const sdk::answers& a) {
  try {
    return {a.text(page_id, "alias"), secret_answer(a, "token")};
  } catch (const workflows::presented_token::incomplete& e) {
    const char* field = e.which() == workflows::presented_token::part::alias ? "Your alias" : "Token";
    throw error(errc::bad_input, std::string(e.what()) + " (under '" + field + "').");
  }
}

workflows::pkcs12_password password_of(const sdk::answers& a) {
  auto password = secret_answer(a, "password");
  if (!(password == secret_answer(a, "confirm_password")))
    throw error(errc::bad_input, "The two passwords differ: type the same password twice.");
  return workflows::pkcs12_password(std::move(password));
}

workflows::new_file output_of(const sdk::answers& a, const std::filesystem::path& database_dir) {
  return workflows::new_file(typed_path(a.text(page_id, "output")), database_dir, "'Save the PKCS#12 file as'");
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
  const workflows::presented_token token = token_of(so_far);
  password_of(so_far);
  output_of(so_far, kms().directory().database_dir());
  check_token(token);
}

sdk::summary token_task_wizard::run_task(const sdk::answers& all) {
  const workflows::token_redemption request{token_of(all), password_of(all), output_of(all, kms().directory().database_dir())};
  console_progress progress(env().progress);
  token_task_result result = redeem(request, progress);
  result.items.insert(result.items.begin(), {"file", "PKCS#12 file", result.file.string(), {}});
  return sdk::summary{title_, std::move(result.items), {}};
}

}  // namespace arbor::km::wizards
