#include "wizards/login_page.hpp"

#include <algorithm>
#include <string>

namespace arbor::km::wizards {
namespace {

constexpr const char* hsm_pin_id = "hsm_pin";

std::string suffix(std::int64_t index) { return index == 1 ? "" : "_" + std::to_string(index); }

sdk::field name_field(std::int64_t index) {
  sdk::field f{"administrator" + suffix(index), "Administrator", sdk::field_kind::text, true, {}, {}, {}};
  if (index == 1) f.default_value = "admin";
  if (index > 1) f.label += " " + std::to_string(index);
  f.help = "The name of an administrator of this Key Manager.";
  return f;
}

sdk::field password_field(std::int64_t index) {
  sdk::field f{"password" + suffix(index), "Password", sdk::field_kind::secret, true, {}, {}, {}};
  if (index > 1) f.label += " " + std::to_string(index);
  f.help = "That administrator's password. It is asked again for every task.";
  return f;
}

sdk::field hsm_pin_field(workflows::hsm_pin_demand pin) {
  const bool required = pin == workflows::hsm_pin_demand::required;
  sdk::field f{hsm_pin_id, "HSM PIN", sdk::field_kind::secret, required, {}, {}, {}};
  f.help = required ? "The PIN of this Key Manager's HSM token: its keys open only with the token. It is asked "
                      "again for every task that opens keys."
                    : "The PIN of this Key Manager's HSM token. Needed only when the number of administrators "
                      "of the tasks that open keys changes; leave it empty otherwise.";
  return f;
}

}  // namespace

sdk::page declared_login_page(const char* page_id, workflows::hsm_pin_demand pin) {
  return login_page_for(page_id, 1, false, pin);
}

sdk::page login_page_for(const char* page_id, std::int64_t required, bool default_password_in_use,
                         workflows::hsm_pin_demand pin) {
  sdk::page p{page_id, "Key Management Service Login",
              "Enter the Key Manager password. Every task and every properties tab asks again.",
              {}, {}, false};
  if (required > 1)
    p.info.push_back("This task needs the passwords of " + std::to_string(required) +
                     " different administrators.");
  if (default_password_in_use)
    p.info.push_back("Warning: the initial password is still in use. Change it under "
                     "Properties > Administrators.");
  for (std::int64_t i = 1; i <= required; ++i) {
    p.fields.push_back(name_field(i));
    p.fields.push_back(password_field(i));
  }
  if (pin != workflows::hsm_pin_demand::none) p.fields.push_back(hsm_pin_field(pin));
  return p;
}

std::vector<workflows::credential> credentials_from(const sdk::page& page, const sdk::answers& so_far) {
  std::vector<workflows::credential> out;
  // Name and password pairs; the HSM PIN, when asked, is the one field after them.
  for (std::size_t i = 0; i + 1 < page.fields.size(); i += 2) {
    const auto password = so_far.secret(page.id, page.fields[i + 1].id);
    out.push_back({so_far.text(page.id, page.fields[i].id), secret(password.view())});
  }
  return out;
}

secret hsm_pin_from(const sdk::page& page, const sdk::answers& so_far) {
  const bool asked = std::any_of(page.fields.begin(), page.fields.end(),
                                 [](const sdk::field& f) { return f.id == hsm_pin_id; });
  if (!asked) return {};
  return secret(so_far.secret(page.id, hsm_pin_id).view());
}

}  // namespace arbor::km::wizards
