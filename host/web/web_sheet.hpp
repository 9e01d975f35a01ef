#pragma once
// A Properties tab of a plugin built for SDK 1.2 or later, walked in the web console as a
// property sheet (host/console/sheet_walk.hpp): the login on pages as any task, then the sheet,
// shown and answered through the task's web_answer_source until OK or Cancel. Apply validates
// every sheet page (a refusal comes back on the sheet with what was typed), runs the wizard and
// prepares the pages again on the same wizard object, with the values the run reported.
#include "host/console/wizard_runner.hpp"
#include "host/web/web_answer_source.hpp"

#include <arbor/sdk/wizard.hpp>

#include <string>
#include <utility>
#include <vector>

namespace arbor::host::web {

/// Walks the tab `wizard` (the task's gated wizard) as a sheet with the manifest's `presets`
/// (sheet_answers). Completed (with the last values) when an Apply ran and the sheet was closed,
/// cancelled when it closed without a change, otherwise why the tab stopped.
wizard_outcome walk_sheet(sdk::wizard& wizard, web_answer_source& source,
                          const std::vector<std::pair<std::string, std::string>>& presets);

}  // namespace arbor::host::web
