#pragma once
// A Properties tab walked as a property sheet (tabs of plugins built for SDK 1.2 and later), for
// every front end that shows one. The tab is a wizard: its pages up to its login (an operation
// choice, then the login; see sheet_first_page()) are walked as wizard pages, asked again each
// time the tab is opened; a page before the login whose every field the manifest's
// `sheet_answers` give is answered with them and not shown (the Key Manager's "operation: set"),
// unless the plugin refuses them. Then the pages after the login are prepared together as one
// sheet, their fields starting with what the plugin holds; each Apply checks the login again
// (after the first), collects and validates every sheet page and runs the wizard, and the pages
// are prepared again on the same wizard object. How the sheet is shown is the front end's.
#include "host/console/answer_set.hpp"
#include "host/console/answer_source.hpp"
#include "host/console/wizard_runner.hpp"

#include <arbor/sdk/wizard.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace arbor::host {

class sheet_walk {
 public:
  /// `wizard` is the opened tab, and outlives this; `presets` its manifest's sheet_answers
  /// ("page.field", value).
  sheet_walk(sdk::wizard& wizard, const std::vector<std::pair<std::string, std::string>>& presets);

  /// Checks the spec with `login`, then walks the pages up to and including the login; a page
  /// the presets answer is shown by `login` only when the plugin refused them. Nothing when the
  /// sheet is reached, else how the tab stopped.
  std::optional<wizard_outcome> open(answer_source& login);
  /// Prepares the sheet's pages afresh, so their fields start from what the plugin holds now.
  /// Nothing when done, else how the tab stopped (refused, or plugin_failed).
  std::optional<wizard_outcome> prepare();
  /// The sheet's prepared pages, not skipped (each keeps its declared id).
  const std::vector<sdk::page>& pages() const noexcept { return pages_; }
  /// Whether any sheet page has a field: a sheet without one only shows its values.
  bool has_fields() const;
  /// Before an Apply: the login page validated again, except for the first Apply after open()
  /// (the login the walk has just checked): a removed administrator or a raised policy stops the
  /// change as it would stop a new login.
  sdk::result<void> login_still_valid();
  /// Collects every sheet page from `values`, has the plugin validate each, then runs the wizard
  /// (apply_pages()). The caller prepares the pages again after a completed run.
  wizard_outcome apply(answer_source& values);

 private:
  sdk::wizard& wizard_;
  answer_set presets_;
  sdk::wizard_spec spec_;
  std::size_t first_{0};
  sdk::answers answers_;
  std::vector<sdk::page> pages_;
  bool login_fresh_{false};
};

}  // namespace arbor::host
