#include "host/console/sheet_walk.hpp"

#include <algorithm>

namespace arbor::host {
namespace {

/// The login walk's source: a page whose every field `presets` gives is answered with them unseen;
/// any other page, and a preset page the plugin refused, is shown by `shown`.
class preset_source final : public answer_source {
 public:
  preset_source(const answer_set& presets, answer_source& shown) : presets_(presets), shown_(shown) {}
  sdk::result<void> check(const sdk::wizard_spec& spec) override { return shown_.check(spec); }
  sdk::result<page_step> show(const sdk::page& page, const sdk::answers& so_far, const sdk::error* problem,
                              bool finishes) override {
    preset_ = problem == nullptr && covers(page);
    return preset_ ? sdk::result<page_step>(page_step::next) : shown_.show(page, so_far, problem, finishes);
  }
  void refresh_with(page_refresh refresh) override { shown_.refresh_with(std::move(refresh)); }
  sdk::result<void> skipped(const sdk::page& page) override { return shown_.skipped(page); }
  std::optional<raw_value> value(const sdk::page& page, const sdk::field& field) override {
    if (!preset_) return shown_.value(page, field);
    const raw_value* given = presets_.find(page.id, field.id);
    return given ? std::optional<raw_value>(*given) : std::nullopt;
  }
  std::optional<sdk::secret_text> secret(const sdk::page& page, const sdk::field& field) override {
    return shown_.secret(page, field);
  }
  std::string secret_hint() const override { return shown_.secret_hint(); }
  bool may_retry() const override { return shown_.may_retry(); }
  bool cancelled() const override { return shown_.cancelled(); }

 private:
  bool covers(const sdk::page& page) const {
    return !page.fields.empty() && std::all_of(page.fields.begin(), page.fields.end(), [&](const sdk::field& f) {
      // A manifest answers choices, never a login or an "are you sure": those are always shown.
      return f.kind != sdk::field_kind::secret && f.kind != sdk::field_kind::confirmation &&
             presets_.find(page.id, f.id) != nullptr;
    });
  }
  const answer_set& presets_;
  answer_source& shown_;
  bool preset_{false};
};

answer_set preset_answers(const std::vector<std::pair<std::string, std::string>>& pairs) {
  answer_set presets;
  for (const auto& [key, value] : pairs) {
    const auto dot = key.find('.');
    presets.set(key.substr(0, dot), key.substr(dot + 1), value);  // the manifest checked "page.field"
  }
  return presets;
}

}  // namespace

sheet_walk::sheet_walk(sdk::wizard& wizard, const std::vector<std::pair<std::string, std::string>>& presets)
    : wizard_(wizard), presets_(preset_answers(presets)) {}

std::optional<wizard_outcome> sheet_walk::open(answer_source& login) {
  spec_ = wizard_.spec();
  preset_source source(presets_, login);
  if (auto checked = source.check(spec_); !checked) return wizard_outcome{wizard_end::refused, std::nullopt, checked.error(), {}, {}};
  first_ = sheet_first_page(spec_);
  if (auto stop = walk_pages(wizard_, source, spec_, first_, answers_)) return stop;
  login_fresh_ = true;
  return std::nullopt;
}

std::optional<wizard_outcome> sheet_walk::prepare() {
  auto prepared = prepare_pages(wizard_, spec_, first_, answers_);
  if (!prepared) {
    wizard_outcome stopped{wizard_end::refused, std::nullopt, prepared.error(), {}, {}};
    if (prepared.error().why == sdk::reason::internal || prepared.error().why == sdk::reason::incompatible)
      stopped.end = wizard_end::plugin_failed;
    return stopped;
  }
  pages_ = std::move(prepared).value();
  return std::nullopt;
}

bool sheet_walk::has_fields() const {
  return std::any_of(pages_.begin(), pages_.end(), [](const sdk::page& page) { return !page.fields.empty(); });
}

sdk::result<void> sheet_walk::login_still_valid() {
  if (std::exchange(login_fresh_, false) || first_ == 0) return {};
  const sdk::page& page = spec_.pages[first_ - 1];
  const bool answered = std::any_of(page.fields.begin(), page.fields.end(),
                                    [&](const sdk::field& f) { return answers_.has(page.id, f.id); });
  return answered ? wizard_.validate(page.id, answers_) : sdk::result<void>{};
}

wizard_outcome sheet_walk::apply(answer_source& values) { return apply_pages(wizard_, values, pages_, answers_); }

}  // namespace arbor::host
