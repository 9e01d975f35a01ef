#pragma once
// A Properties tab as a property sheet in the terminal (the walk is host/console/sheet_walk.hpp):
// the login asked on wizard screens, then the sheet's pages shown together as one form: their
// fields start with what the plugin holds, under them the values its last run reported, and
// OK / Apply / Cancel. Apply collects and validates every sheet page, runs the wizard and prepares
// the pages again, so the fields show what is stored now; a refusal is shown in place and keeps
// what was typed. OK is Apply and close. A sheet without fields is run once when it opens, to
// show its values.
#include "host/console/sheet_walk.hpp"
#include "host/console/wizard_runner.hpp"
#include "host/tui/page_form.hpp"
#include "host/tui/wizard_screen.hpp"

#include <arbor/sdk/services.hpp>
#include <arbor/sdk/wizard.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace arbor::host::tui {

class property_sheet {
 public:
  /// `wizard` is the opened tab; `presets` its manifest's sheet_answers ("page.field", value);
  /// `log` receives the outcome of each Apply. `wizard` and `log` outlive this.
  property_sheet(sdk::wizard& wizard, std::string title, const std::vector<std::pair<std::string, std::string>>& presets,
                 sdk::log& log);

  /// Walks the login with `login`, then shows the sheet until OK, Cancel or an interrupt. The
  /// outcome: completed (with the last values) when an Apply ran and the sheet was closed,
  /// cancelled when it closed without a change, otherwise why the tab stopped.
  wizard_outcome run(wizard_screen& login);

 private:
  class form_values;

  /// Prepares the sheet's pages afresh and rebuilds its form; false when the plugin refused.
  bool prepare();
  /// Applies the form; true when the run completed.
  bool apply();
  /// PgDn (1) / PgUp (-1): moves the focus to the buttons and the view by a screen.
  void scroll(int pages);
  void draw() const;

  sheet_walk walk_;
  std::string title_;
  sdk::log& log_;
  std::unique_ptr<page_form> form_;
  std::optional<sdk::summary> values_;  ///< what the last run reported
  std::optional<wizard_outcome> stopped_;  ///< a failure that ends the sheet
  std::optional<sdk::error> problem_;   ///< the last refusal, shown in place
  mutable std::size_t scroll_{0};  ///< the first line shown while a button has the focus; draw() clamps it
  bool applied_{false};
  bool interrupted_{false};
};

}  // namespace arbor::host::tui
