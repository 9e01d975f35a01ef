#pragma once
// The interactive answer source: each wizard page on the full screen with its fields and the
// Back / Next (Finish when the runner says Next runs the task) / Cancel buttons. A refused page
// is shown again with the reason in red until a field changes. Cancel past the first page asks.
// What the operator typed stays in the page's form (secrets in wiping editors) until the next
// page replaces it. While a page is shown, a pause in typing prepares it again (SDK 1.2 live
// pages) and shows its new info lines, pinned on top when the focused field is further down.
#include "host/console/answer_source.hpp"
#include "host/tui/page_form.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace arbor::host::tui {

class wizard_screen final : public answer_source {
 public:
  /// `live_pages`: the plugin was built for SDK 1.2 or later, so a shown page may be prepared
  /// again while it is typed.
  explicit wizard_screen(bool live_pages = false) : live_pages_(live_pages) {}
  sdk::result<void> check(const sdk::wizard_spec& spec) override;
  sdk::result<page_step> show(const sdk::page& page, const sdk::answers& so_far, const sdk::error* problem,
                              bool finishes) override;
  void refresh_with(page_refresh refresh) override { refresh_ = std::move(refresh); }
  sdk::result<void> skipped(const sdk::page&) override { return {}; }
  std::optional<raw_value> value(const sdk::page& page, const sdk::field& field) override;
  std::optional<sdk::secret_text> secret(const sdk::page& page, const sdk::field& field) override;
  std::string secret_hint() const override { return "Type it in the field; it is shown as '*'."; }
  bool may_retry() const override { return true; }
  bool cancelled() const override { return interrupted_; }

 private:
  void draw(const sdk::error* problem) const;
  void draw_working() const;
  void refresh_page(const sdk::answers& so_far);

  std::string title_;
  std::vector<std::string> page_ids_;  ///< declared order, for "page N of M"
  std::vector<std::string> shown_;     ///< the pages on the way here, for Back
  std::unique_ptr<page_form> form_;
  std::string notice_;  ///< why a page is shown again (now with Finish), for the status line
  bool live_pages_;
  page_refresh refresh_;
  std::chrono::milliseconds refresh_pause_{150};  ///< longer after a slow prepare()
  bool info_refreshed_{false};                    ///< the shown info came from a refresh
  bool interrupted_{false};
};

/// F1 (and '?' outside text): the help of the form's focused field, or of its page when a button
/// has the focus, as a pager; the caller redraws.
void show_focused_help(const page_form& form);

}  // namespace arbor::host::tui
