#pragma once
// Walks a wizard for any front end: checks answers given up front against the spec, then for
// each page prepare -> (skip) -> show -> collect typed answers -> validate, and finally run().
#include "host/console/answer_source.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/wizard.hpp>

#include <optional>
#include <string>
#include <vector>

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

// A Properties tab shown as a property sheet (plugins built for SDK 1.2 and later) is walked in
// parts: walk_pages() up to and including its login, then, on the same wizard object, as often as
// the operator presses Apply: prepare_pages() for the sheet's fields, apply_pages() to check and
// run them.

/// Where a tab's sheet starts: after its login, the first declared page with a secret field (the
/// pages before it, such as an operation choice, decide which login is asked); 0 when no page
/// has one.
std::size_t sheet_first_page(const sdk::wizard_spec& spec);

/// Whether `page` asks a secret: a login, in the tasks of the plugins so far.
bool asks_secret(const sdk::page& page);

/// Walks pages [0, stop) of `spec` as run_wizard() does (prepare, skip, show, collect, validate,
/// Back among them), filling `answers`; source.check() must have been called. The walk ends at the
/// first page from `stop` on that applies; when none does, the last page shown reads Finish as in
/// run_wizard(), so nothing runs from a press on Next. Nothing when the walk ended so, else how it
/// ended.
std::optional<wizard_outcome> walk_pages(sdk::wizard& wizard, answer_source& source, const sdk::wizard_spec& spec,
                                        std::size_t stop, sdk::answers& answers);

/// Runs the wizard on answers already collected and validated.
wizard_outcome run_answered(sdk::wizard& wizard, answer_source& source, const sdk::answers& answers);

/// Prepares pages [first, end) of `spec` afresh, in order, after erasing their earlier answers so
/// their fields start from what the plugin holds now; returns those not skipped.
sdk::result<std::vector<sdk::page>> prepare_pages(sdk::wizard& wizard, const sdk::wizard_spec& spec, std::size_t first,
                                                  sdk::answers& answers);

/// Collects each of the prepared `pages` from `source` and has the plugin validate it, in order,
/// then runs the wizard. A refusal ends with the page it names; nothing ran then.
wizard_outcome apply_pages(sdk::wizard& wizard, answer_source& source, const std::vector<sdk::page>& pages,
                           sdk::answers& answers);

}  // namespace arbor::host
