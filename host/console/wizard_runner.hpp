#pragma once
// Walks a wizard for any front end: checks answers given up front against the spec, then for
// each page prepare -> (skip) -> show -> collect typed answers -> validate, and finally run().
#include "host/console/answer_source.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/wizard.hpp>

#include <optional>
#include <string>

namespace arbor::host {

/// How a wizard ended. Zero is deliberately unused.
enum class wizard_end : unsigned char {
  completed = 1,  ///< run() returned a summary
  refused,        ///< answers refused, or a page's preparation or validation failed
  plugin_failed,  ///< the plugin broke its contract or threw (reason internal or incompatible)
  task_failed,    ///< run() returned an error
  cancelled,      ///< the operator or the task cancelled
};

/// The end of a wizard: its summary, or the error and the page it stopped on.
struct wizard_outcome {
  wizard_end end{wizard_end::refused};
  std::optional<sdk::summary> summary;  ///< when completed
  sdk::error error;                     ///< otherwise; the message names the page's title and field's label
  std::string page_id;                  ///< the page it stopped on, if any
  std::string field_id;                 ///< the field that was refused, if any (for --json and --verbose)
};

/// Runs `wizard` with answers from `source`. Collecting a field: secrets only from
/// source.secret(); other kinds from source.value(), converted with to_answer(); an optional
/// field without a value takes its default; a required one without a value is refused. Never
/// throws for plugin errors (a guarded wizard turns exceptions into results).
wizard_outcome run_wizard(sdk::wizard& wizard, answer_source& source);

}  // namespace arbor::host
