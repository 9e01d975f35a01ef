#pragma once
// Where the wizard runner gets its answers: the scripted front end (answer file, --set, password
// file) or an interactive one (the ncurses console). The runner owns the walk through the pages;
// a source only supplies values and says whether the operator may correct a refused page.
#include "host/console/answer_value.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/secret_text.hpp>
#include <arbor/sdk/wizard.hpp>

#include <functional>
#include <optional>
#include <string>

namespace arbor::host {

/// What the operator does on a shown page.
enum class page_step : unsigned char {
  next = 1,  ///< the page's values are ready
  back,      ///< return to the previous shown page
  cancel,    ///< stop the wizard
};

/// Prepares the shown page again with `so_far` plus what the operator typed on it (SDK 1.2 live
/// pages): the page as the plugin now sees it, its id set to the shown page's.
using page_refresh = std::function<sdk::result<sdk::page>(const sdk::answers& so_far)>;

/// A front end's supply of answers.
class answer_source {
 public:
  virtual ~answer_source() = default;

  /// Called once with the static spec, before any page is prepared: a source holding answers
  /// given up front refuses unknown pages, wrong types and missing required fields here.
  virtual sdk::result<void> check(const sdk::wizard_spec& spec) = 0;

  /// A prepared page is to be answered. `problem` is the refusal of the previous attempt at this
  /// page, if any. `finishes`: Next on this page runs the task (a front end labels it Finish).
  /// An error refuses the page's answers (for example a field it does not have).
  virtual sdk::result<page_step> show(const sdk::page& page, const sdk::answers& so_far, const sdk::error* problem,
                                      bool finishes) = 0;

  /// Before show(): how to prepare that page again while it is shown. Valid until show() returns;
  /// a source that does not refresh pages (the scripted one) ignores it.
  virtual void refresh_with(page_refresh) {}

  /// A prepared page the plugin skipped; a source may still check the answers it holds for it.
  virtual sdk::result<void> skipped(const sdk::page& page) = 0;

  /// The value given for a non-secret field of the page last shown, or nothing.
  virtual std::optional<raw_value> value(const sdk::page& page, const sdk::field& field) = 0;

  /// The secret for a secret field of the page last shown, or nothing.
  virtual std::optional<sdk::secret_text> secret(const sdk::page& page, const sdk::field& field) = 0;

  /// Added to the message when a required secret is missing (where secrets are read from).
  virtual std::string secret_hint() const = 0;

  /// True when a refused page is shown again for correction; false ends the wizard. Such a
  /// source also sees a page again, to Finish, when every later page turned out not to apply.
  virtual bool may_retry() const = 0;

  /// True once the operator asked to stop (for example SIGINT).
  virtual bool cancelled() const = 0;
};

}  // namespace arbor::host
