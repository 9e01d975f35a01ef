#include "host/console/wizard_runner.hpp"

#include <vector>

namespace arbor::host {
namespace {

sdk::error refuse(std::string message) { return sdk::fail(sdk::reason::invalid_input, std::move(message)); }

sdk::error cancellation() { return sdk::fail(sdk::reason::cancelled, "The wizard was cancelled; nothing was changed."); }

wizard_end classify(sdk::reason why, bool running) {
  switch (why) {
    case sdk::reason::cancelled: return wizard_end::cancelled;
    case sdk::reason::internal:
    case sdk::reason::incompatible: return wizard_end::plugin_failed;
    default: return running ? wizard_end::task_failed : wizard_end::refused;
  }
}

wizard_outcome stopped(sdk::error error, std::string page_id, bool running = false) {
  wizard_outcome outcome;
  outcome.end = classify(error.why, running);
  outcome.error = std::move(error);
  outcome.page_id = std::move(page_id);
  return outcome;
}

bool is_empty(const sdk::answer& a) {
  if (a.kind == sdk::field_kind::multi_select) return a.items.empty();
  if (a.kind == sdk::field_kind::confirmation) return false;
  return a.text.empty();
}

std::string named(const sdk::page& page, const sdk::field& field) {
  return field_location(page.id, field.id) + " (" + field.label + ")";
}

sdk::result<void> collect_secret(answer_source& source, const sdk::page& page, const sdk::field& field,
                                 sdk::answers& answers) {
  std::optional<sdk::secret_text> given = source.secret(page, field);
  if (given && !given->empty()) {
    sdk::answer a;
    a.kind = sdk::field_kind::secret;
    a.secret = std::move(*given);
    answers.set(page.id, field.id, std::move(a));
    return {};
  }
  answers.erase(page.id, field.id);
  if (source.cancelled()) return cancellation();
  if (!field.required) return {};
  const std::string hint = source.secret_hint();
  return refuse("No password was given for the required " + named(page, field) + "." + (hint.empty() ? "" : " " + hint));
}

sdk::result<void> collect_value(answer_source& source, const sdk::page& page, const sdk::field& field,
                                sdk::answers& answers) {
  std::optional<raw_value> given = source.value(page, field);
  const bool defaulted = !given && !field.default_value.empty();
  if (defaulted) given = field.default_value;
  if (!given) {
    answers.erase(page.id, field.id);
    if (!field.required) return {};
    return refuse("The required " + named(page, field) + " has no value.");
  }
  auto converted = to_answer(field, *given);
  if (!converted) {
    if (defaulted)
      return sdk::fail(sdk::reason::internal, "The plugin's default for " + named(page, field) + " " +
                                                  converted.error().message + "; report this to the plugin's author.");
    return refuse("The value for " + named(page, field) + " " + converted.error().message + ".");
  }
  if (field.required && is_empty(converted.value())) return refuse("The required " + named(page, field) + " is empty.");
  answers.set(page.id, field.id, std::move(converted).value());
  return {};
}

sdk::result<void> collect_page(answer_source& source, const sdk::page& page, sdk::answers& answers) {
  for (const sdk::field& field : page.fields) {
    if (source.cancelled()) return cancellation();
    auto collected = field.kind == sdk::field_kind::secret ? collect_secret(source, page, field, answers)
                                                           : collect_value(source, page, field, answers);
    if (!collected) return collected;
  }
  return {};
}

sdk::result<void> validate_page(sdk::wizard& wizard, const sdk::page& page, const sdk::answers& answers) {
  auto valid = wizard.validate(page.id, answers);
  if (valid || valid.error().why != sdk::reason::invalid_input) return valid;
  sdk::error e = valid.error();
  e.message = "Page \"" + page.id + "\" (" + page.title + ") refused its answers: " + e.message;
  return e;
}

bool ends_wizard(const sdk::error& e) {
  return e.why == sdk::reason::cancelled || e.why == sdk::reason::internal || e.why == sdk::reason::incompatible;
}

/// Shows a page until its answers are collected and valid, or the source stops or goes back.
sdk::result<page_step> answer_page(sdk::wizard& wizard, answer_source& source, const sdk::page& page,
                                   sdk::answers& answers) {
  std::optional<sdk::error> problem;
  for (;;) {
    auto step = source.show(page, answers, problem ? &*problem : nullptr);
    if (!step || step.value() != page_step::next) return step;
    auto accepted = collect_page(source, page, answers);
    if (accepted) accepted = validate_page(wizard, page, answers);
    if (accepted) return page_step::next;
    if (!source.may_retry() || ends_wizard(accepted.error())) return accepted.error();
    problem = accepted.error();
  }
}

}  // namespace

wizard_outcome run_wizard(sdk::wizard& wizard, answer_source& source) {
  const sdk::wizard_spec spec = wizard.spec();
  if (auto checked = source.check(spec); !checked) return stopped(checked.error(), {});

  sdk::answers answers;
  std::vector<std::size_t> shown;  // indices of the pages answered, for Back
  std::size_t index = 0;
  while (index < spec.pages.size()) {
    const std::string& page_id = spec.pages[index].id;
    if (source.cancelled()) return stopped(cancellation(), page_id);
    auto prepared = wizard.prepare(page_id, answers);
    if (!prepared) return stopped(prepared.error(), page_id);
    sdk::page page = std::move(prepared).value();
    page.id = page_id;  // answers are keyed by the declared id, whatever prepare() returned

    if (page.skip) {
      for (const sdk::field& field : page.fields) answers.erase(page_id, field.id);
      if (auto checked = source.skipped(page); !checked) return stopped(checked.error(), page_id);
      ++index;
      continue;
    }
    source.refresh_with([&wizard, &page_id](const sdk::answers& typed) {
      auto again = wizard.prepare(page_id, typed);
      if (again) again.value().id = page_id;
      return again;
    });
    auto step = answer_page(wizard, source, page, answers);
    source.refresh_with({});
    if (!step) return stopped(step.error(), page_id);
    if (step.value() == page_step::cancel) return stopped(cancellation(), page_id);
    if (step.value() == page_step::back) {
      if (!shown.empty()) {
        index = shown.back();
        shown.pop_back();
      }
      continue;
    }
    shown.push_back(index);
    ++index;
  }

  if (source.cancelled()) return stopped(cancellation(), {});
  auto summary = wizard.run(answers);
  if (!summary) return stopped(summary.error(), {}, true);
  wizard_outcome done;
  done.end = wizard_end::completed;
  done.summary = std::move(summary).value();
  return done;
}

}  // namespace arbor::host
