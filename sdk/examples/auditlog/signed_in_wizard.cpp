#include "signed_in_wizard.hpp"

#include <algorithm>

namespace auditlog {
namespace {

using namespace arbor::sdk;

constexpr const char* sign_in_page_id = "sign-in";

page sign_in_page(std::size_t required) {
  page p{.id = sign_in_page_id,
         .title = "Sign In to the Key Manager",
         .description = "The Key Manager's administrators sign in to let the audit log be read. "
                        "The read is itself audited."};
  if (required > 1) p.info.push_back("The Key Manager asks for " + std::to_string(required) + " different administrators.");
  for (std::size_t i = 1; i <= required; ++i) {
    const std::string suffix = i == 1 ? "" : "_" + std::to_string(i);
    const std::string number = i == 1 ? "" : " " + std::to_string(i);
    p.fields.push_back({.id = "administrator" + suffix, .label = "Administrator" + number,
                        .help = "An administrator's name."});
    p.fields.push_back({.id = "password" + suffix, .label = "Password" + number, .kind = field_kind::secret,
                        .help = "That administrator's password."});
  }
  return p;
}

}  // namespace

wizard_spec signed_in_wizard::spec() const {
  wizard_spec s{title_, {sign_in_page(1)}};
  for (page& p : task_pages()) s.pages.push_back(std::move(p));
  return s;
}

result<page> signed_in_wizard::prepare(std::string_view page_id, const answers&) {
  if (page_id == sign_in_page_id) {
    auto required = trail_.credentials_required();
    if (!required) return required.error();
    sign_in_ = sign_in_page(required.value());
    return sign_in_;
  }
  const std::vector<page> pages = task_pages();
  auto it = std::find_if(pages.begin(), pages.end(), [&](const page& p) { return p.id == page_id; });
  if (it == pages.end()) return fail(reason::not_found, "This wizard has no page '" + std::string(page_id) + "'.");
  return *it;
}

result<void> signed_in_wizard::validate(std::string_view page_id, const answers& so_far) {
  if (page_id == sign_in_page_id) return {};  // the Key Manager checks the passwords when the log is read
  return validate_page(page_id, so_far);
}

result<summary> signed_in_wizard::run(const answers& all) {
  std::vector<credential> who;
  for (std::size_t i = 0; i + 1 < sign_in_.fields.size(); i += 2)
    who.push_back({all.text(sign_in_page_id, sign_in_.fields[i].id), all.secret(sign_in_page_id, sign_in_.fields[i + 1].id)});
  return run_task(trail_, who, all);
}

}  // namespace auditlog
