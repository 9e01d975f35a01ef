#include "host/web/web_sheet.hpp"

#include "host/console/sheet_walk.hpp"

#include <optional>

namespace arbor::host::web {
namespace {

wizard_outcome closed(std::optional<sdk::summary> values, bool applied) {
  wizard_outcome outcome;
  if (applied) {
    outcome.end = wizard_end::completed;
    outcome.summary = std::move(values);
    return outcome;
  }
  outcome.end = wizard_end::cancelled;
  outcome.error = sdk::fail(sdk::reason::cancelled, "The sheet was closed; nothing was changed.");
  return outcome;
}

bool ends_sheet(const wizard_outcome& outcome) {
  return outcome.end == wizard_end::plugin_failed || outcome.end == wizard_end::cancelled;
}

}  // namespace

wizard_outcome walk_sheet(sdk::wizard& wizard, web_answer_source& source,
                          const std::vector<std::pair<std::string, std::string>>& presets) {
  sheet_walk walk(wizard, presets);
  if (auto stop = walk.open(source)) return std::move(*stop);
  if (auto stop = walk.prepare()) return std::move(*stop);
  std::optional<sdk::summary> values;
  std::optional<wizard_outcome> refusal;
  bool applied = false;
  // A sheet without fields is run once as it opens, to show its values.
  sheet_step step = walk.has_fields() ? source.show_sheet(walk.pages(), nullptr, values, applied) : sheet_step::apply;
  for (;;) {
    if (step == sheet_step::cancel) return closed(std::move(values), applied);
    wizard_outcome outcome;
    if (auto still = walk.login_still_valid(); !still)
      outcome = wizard_outcome{wizard_end::refused, std::nullopt, still.error(), {}, {}};
    else
      outcome = walk.apply(source);
    if (ends_sheet(outcome)) return outcome;
    refusal.reset();
    if (outcome.end == wizard_end::completed) {
      values = std::move(outcome.summary);
      applied = applied || walk.has_fields();
      if (auto stop = walk.prepare()) return std::move(*stop);
      if (step == sheet_step::ok) return closed(std::move(values), applied);
    } else {
      refusal = std::move(outcome);  // shown on the sheet, which keeps what was typed
    }
    step = source.show_sheet(walk.pages(), refusal ? &*refusal : nullptr, values, applied);
  }
}

}  // namespace arbor::host::web
