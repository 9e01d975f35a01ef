#pragma once
// The web console's answer source. The wizard runner walks the pages on a task's own thread;
// show() publishes the page as JSON and waits there until the browser's answer or a cancel
// arrives from another thread, so Back, Next, Finish and every validation are the runner's own.
// A refused page comes back with its problem (may_retry). Secrets from an answer are held only
// until the runner has collected them. While a page waits, preview() prepares it again with what
// is typed (SDK 1.2 live pages) under the same lock an answer takes, so a preview and a
// Next/Back/Cancel of the same wizard never run at once. A property sheet (host/web/web_sheet.hpp)
// is shown and answered the same way, all its pages at once.
#include "host/console/answer_source.hpp"
#include "host/web/wizard_json.hpp"

#include <boost/json/object.hpp>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host::web {

class web_answer_source final : public answer_source {
 public:
  /// `publish` receives each shown page (page_json() plus "index": its place among the declared
  /// pages, "count": how many are declared, "back": whether Back leads anywhere). It is called
  /// on the runner's thread while an answer cannot yet arrive, and must not call into this source.
  explicit web_answer_source(std::function<void(boost::json::object)> publish,
                             std::function<void(boost::json::object)> publish_sheet = {});

  // On the runner's thread.
  sdk::result<void> check(const sdk::wizard_spec& spec) override;
  sdk::result<page_step> show(const sdk::page& page, const sdk::answers& so_far, const sdk::error* problem,
                              bool finishes) override;
  void refresh_with(page_refresh refresh) override;
  sdk::result<void> skipped(const sdk::page&) override { return {}; }
  std::optional<raw_value> value(const sdk::page& page, const sdk::field& field) override;
  std::optional<sdk::secret_text> secret(const sdk::page& page, const sdk::field& field) override;
  std::string secret_hint() const override { return "Type it in the field; it is never shown or kept."; }
  bool may_retry() const override { return true; }
  bool cancelled() const override;
  /// Publishes the sheet of `pages` (sheet_json(), with what was typed when `refusal` is given)
  /// through publish_sheet and waits for its answer or a cancel (then cancel). From then on,
  /// value() and secret() give that answer's values for each of `pages`.
  sheet_step show_sheet(const std::vector<sdk::page>& pages, const wizard_outcome* refusal,
                        const std::optional<sdk::summary>& values, bool applied);

  // On any thread.
  /// Hands the page waiting in show() its answer (reply_from_json()), or the sheet waiting in
  /// show_sheet() its answer (sheet_reply_from_json()). Refused when nothing waits (the last
  /// answer is still being checked, or the wizard is running or over) and when the request does
  /// not fit what is shown.
  sdk::result<void> reply(const boost::json::object& request);
  /// Prepares the waiting page again with the answers so far plus `request`'s
  /// {"page": id, "answers": {field id: value}} (values as reply_from_json() reads them; a value
  /// that does not suit its field is left out): {"page", "info": [...], "options": {path field id:
  /// [...]}}. The new options become the page's suggestions for path_suggestions(). Refused
  /// (conflict) when no page waits or `page` is not the waiting one, and (invalid_input) for a
  /// page that asks a secret. Blocks a reply() or cancel() until the plugin has answered.
  sdk::result<boost::json::object> preview(const boost::json::object& request);
  /// The suggestions (options) of path field `field_id` of the waiting page, as last prepared;
  /// refused when no page waits or it has no such path field.
  sdk::result<std::vector<std::string>> path_suggestions(std::string_view field_id) const;
  /// From now on cancelled() is true, and a page waiting or yet to be shown ends with Cancel.
  void cancel();

 private:
  std::function<void(boost::json::object)> publish_;
  std::function<void(boost::json::object)> publish_sheet_;
  mutable std::mutex mutex_;
  std::condition_variable answered_;
  std::vector<std::string> page_ids_;   ///< declared order, for "index"
  std::vector<std::string> shown_;      ///< the pages on the way here, for Back
  std::optional<sdk::page> waiting_;    ///< the page shown and not yet answered
  const sdk::answers* so_far_{nullptr}; ///< the answers before it, while it waits
  page_refresh refresh_;                ///< prepares it again, while it waits
  std::optional<std::vector<sdk::page>> sheet_;  ///< the sheet shown and not yet answered
  std::optional<page_reply> arrived_;   ///< its answer, until show() takes it
  std::optional<sheet_reply> sheet_arrived_;  ///< the sheet's answer, until show_sheet() takes it
  /// The answers of the page or the sheet's pages last shown, by page id, for value() and secret().
  std::map<std::string, page_reply, std::less<>> taken_;
  bool cancelled_{false};
};

}  // namespace arbor::host::web
