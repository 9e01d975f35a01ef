#pragma once
// How a task or a Properties tab ended, written to the console's log so the Log view (l) shows
// the outcome beside the task's steps.
#include "host/console/wizard_runner.hpp"

#include <arbor/sdk/services.hpp>

#include <string_view>

namespace arbor::host::tui {

/// "Export Users completed." with each summary line whose value is a count ("Users exported: 3"),
/// "Export Users: answers refused: <message>" (info: the operator corrects it), or
/// "Export Users failed: <message>" (an error). Other values stay on the summary screen only: a summary
/// may carry a one-time secret (an enrollment token, a recovery code) that must not outlive it.
void log_outcome(sdk::log& log, std::string_view label, const wizard_outcome& outcome);

}  // namespace arbor::host::tui
