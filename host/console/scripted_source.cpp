#include "host/console/scripted_source.hpp"

namespace arbor::host {

scripted_source::scripted_source(answer_set given, sdk::secret_prompt* secrets, std::string secret_hint,
                                 std::function<bool()> stop_requested)
    : given_(std::move(given)),
      secrets_(secrets),
      secret_hint_(std::move(secret_hint)),
      stop_requested_(std::move(stop_requested)) {}

sdk::result<void> scripted_source::check(const sdk::wizard_spec& spec) { return check_against_spec(given_, spec); }

sdk::result<page_step> scripted_source::show(const sdk::page& page, const sdk::answers&, const sdk::error*, bool) {
  if (auto checked = check_page(given_, page); !checked) return checked.error();
  return page_step::next;
}

sdk::result<void> scripted_source::skipped(const sdk::page& page) { return check_page(given_, page); }

std::optional<raw_value> scripted_source::value(const sdk::page& page, const sdk::field& field) {
  const raw_value* given = given_.find(page.id, field.id);
  return given ? std::optional<raw_value>(*given) : std::nullopt;
}

std::optional<sdk::secret_text> scripted_source::secret(const sdk::page&, const sdk::field& field) {
  if (!secrets_) return std::nullopt;
  return secrets_->ask(field.label);
}

}  // namespace arbor::host
