#include "host/console/wizard_runner.hpp"

#include <algorithm>
#include <utility>
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

wizard_outcome stopped(sdk::error error, std::string page_id, bool running = false, std::string field_id = {}) {
  wizard_outcome outcome;
  outcome.end = classify(error.why, running);
  outcome.error = std::move(error);
  outcome.page_id = std::move(page_id);
  outcome.field_id = std::move(field_id);
  return outcome;
}

bool is_empty(const sdk::answer& a) {
  if (a.kind == sdk::field_kind::multi_select) return a.items.empty();
  if (a.kind == sdk::field_kind::confirmation) return false;
  return a.text.empty();
}

/// The field as the operator sees it: its label and its page's title (the ids stay in the outcome).
std::string named(const sdk::page& page, const sdk::field& field) {
  return "field \"" + field.label + "\" on page \"" + page.title + "\"";
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

/// Collects every field of the page; `refused_field` names the one that was refused, if any.
sdk::result<void> collect_page(answer_source& source, const sdk::page& page, sdk::answers& answers,
                               std::string& refused_field) {
  for (const sdk::field& field : page.fields) {
    if (source.cancelled()) return cancellation();
    auto collected = field.kind == sdk::field_kind::secret ? collect_secret(source, page, field, answers)
                                                           : collect_value(source, page, field, answers);
    if (!collected) {
      refused_field = field.id;
      return collected;
    }
  }
  return {};
}

sdk::result<void> validate_page(sdk::wizard& wizard, const sdk::page& page, const sdk::answers& answers) {
  auto valid = wizard.validate(page.id, answers);
  if (valid || valid.error().why != sdk::reason::invalid_input) return valid;
  sdk::error e = valid.error();
  e.message = "Page \"" + page.title + "\" refused its answers: " + e.message;
  return e;
}

/// A page's answers by field id, kept when the page is accepted: a page shown again only to
/// Finish and answered the same way is not validated twice (a login would be checked again).
using page_answers = std::vector<std::pair<std::string, std::optional<sdk::answer>>>;

page_answers answers_of(const sdk::page& page, const sdk::answers& answers) {
  page_answers out;
  for (const sdk::field& field : page.fields) {
    const sdk::answer* given = answers.find(page.id, field.id);
    out.emplace_back(field.id, given ? std::optional<sdk::answer>(*given) : std::nullopt);
  }
  return out;
}

bool same(const std::optional<sdk::answer>& a, const std::optional<sdk::answer>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return a->kind == b->kind && a->text == b->text && a->items == b->items && a->yes == b->yes &&
         a->secret.view() == b->secret.view();
}

bool same(const page_answers& a, const page_answers& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return x.first == y.first && same(x.second, y.second); });
}

bool ends_wizard(const sdk::error& e) {
  return e.why == sdk::reason::cancelled || e.why == sdk::reason::internal || e.why == sdk::reason::incompatible;
}

/// Shows a page until its answers are collected and valid, or the source stops or goes back.
/// `accepted_with`: the answers this page was already accepted with, when it is shown again.
sdk::result<page_step> answer_page(sdk::wizard& wizard, answer_source& source, const sdk::page& page,
                                   sdk::answers& answers, bool finishes, const page_answers* accepted_with,
                                   std::string& refused_field) {
  std::optional<sdk::error> problem;
  for (;;) {
    auto step = source.show(page, answers, problem ? &*problem : nullptr, finishes);
    if (!step || step.value() != page_step::next) return step;
    refused_field.clear();
    auto accepted = collect_page(source, page, answers, refused_field);
    if (accepted && accepted_with != nullptr && same(*accepted_with, answers_of(page, answers))) return page_step::next;
    if (accepted) accepted = validate_page(wizard, page, answers);
    if (accepted) return page_step::next;
    if (!source.may_retry() || ends_wizard(accepted.error())) return accepted.error();
    problem = accepted.error();
  }
}

}  // namespace

bool asks_secret(const sdk::page& page) {
  return std::any_of(page.fields.begin(), page.fields.end(),
                     [](const sdk::field& f) { return f.kind == sdk::field_kind::secret; });
}

std::size_t sheet_first_page(const sdk::wizard_spec& spec) {
  for (std::size_t index = 0; index < spec.pages.size(); ++index)
    if (asks_secret(spec.pages[index])) return index + 1;
  return 0;
}

std::optional<wizard_outcome> walk_pages(sdk::wizard& wizard, answer_source& source, const sdk::wizard_spec& spec,
                                        std::size_t stop, sdk::answers& answers) {
  const std::size_t end = spec.pages.size();
  std::vector<std::size_t> shown;  // indices of the pages answered, for Back
  // Pages whose Next was found to run the task: every later page was skipped. A page is shown
  // as finishing when it is the last declared one or found so; a task never runs from a press
  // on a button that read Next (an interactive source sees the page again, now with Finish).
  std::vector<bool> finishing(end, false);
  if (!finishing.empty()) finishing.back() = true;
  page_answers last_accepted;  // of shown.back(), the page shown again to Finish
  bool again = false;
  std::size_t index = 0;
  for (;;) {
    if (index == end) {
      if (shown.empty() || finishing[shown.back()] || !source.may_retry()) break;
      index = shown.back();
      shown.pop_back();
      finishing[index] = true;
      again = true;
    }
    const bool shown_again = std::exchange(again, false);
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
    if (index >= stop) return std::nullopt;  // a page from `stop` on applies: the caller shows it
    if (!shown.empty()) finishing[shown.back()] = false;  // its Next led here after all
    source.refresh_with([&wizard, &page_id](const sdk::answers& typed) {
      auto again = wizard.prepare(page_id, typed);
      if (again) again.value().id = page_id;
      return again;
    });
    std::string refused_field;
    auto step = answer_page(wizard, source, page, answers, finishing[index], shown_again ? &last_accepted : nullptr,
                            refused_field);
    source.refresh_with({});
    if (!step) return stopped(step.error(), page_id, false, refused_field);
    if (step.value() == page_step::cancel) return stopped(cancellation(), page_id);
    if (step.value() == page_step::back) {
      if (!shown.empty()) {
        index = shown.back();
        shown.pop_back();
      }
      continue;
    }
    last_accepted = answers_of(page, answers);
    shown.push_back(index);
    ++index;
  }
  return std::nullopt;
}

wizard_outcome run_wizard(sdk::wizard& wizard, answer_source& source) {
  const sdk::wizard_spec spec = wizard.spec();
  if (auto checked = source.check(spec); !checked) return stopped(checked.error(), {});

  sdk::answers answers;
  if (auto stop = walk_pages(wizard, source, spec, spec.pages.size(), answers)) return std::move(*stop);
  return run_answered(wizard, source, answers);
}

wizard_outcome run_answered(sdk::wizard& wizard, answer_source& source, const sdk::answers& answers) {
  if (source.cancelled()) return stopped(cancellation(), {});
  auto summary = wizard.run(answers);
  if (!summary) return stopped(summary.error(), {}, true);
  wizard_outcome done;
  done.end = wizard_end::completed;
  done.summary = std::move(summary).value();
  return done;
}

sdk::result<std::vector<sdk::page>> prepare_pages(sdk::wizard& wizard, const sdk::wizard_spec& spec, std::size_t first,
                                                  sdk::answers& answers) {
  for (std::size_t index = first; index < spec.pages.size(); ++index)
    for (const sdk::field& field : spec.pages[index].fields) answers.erase(spec.pages[index].id, field.id);
  std::vector<sdk::page> pages;
  for (std::size_t index = first; index < spec.pages.size(); ++index) {
    const std::string& page_id = spec.pages[index].id;
    auto prepared = wizard.prepare(page_id, answers);
    if (!prepared) return prepared.error();
    sdk::page page = std::move(prepared).value();
    page.id = page_id;
    for (const sdk::field& field : page.fields) answers.erase(page_id, field.id);
    if (!page.skip) pages.push_back(std::move(page));
  }
  return pages;
}

wizard_outcome apply_pages(sdk::wizard& wizard, answer_source& source, const std::vector<sdk::page>& pages,
                           sdk::answers& answers) {
  for (const sdk::page& page : pages) {
    std::string refused_field;
    auto accepted = collect_page(source, page, answers, refused_field);
    if (accepted) accepted = validate_page(wizard, page, answers);
    if (!accepted) return stopped(accepted.error(), page.id, false, refused_field);
  }
  return run_answered(wizard, source, answers);
}

}  // namespace arbor::host
