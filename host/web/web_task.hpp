#pragma once
// One task of the web console: an action's wizard walked by the host's wizard runner on its own
// thread (a Properties tab of a plugin for SDK 1.2 or later as a property sheet, web_sheet.hpp),
// with a web_answer_source for its pages and itself as the progress of its run(). Its
// state is one JSON object with a version that grows with every change, for polling and for
// Server-Sent Events.
#include "host/console/wizard_runner.hpp"
#include "host/web/gated_wizard.hpp"
#include "host/web/plugin_gate.hpp"
#include "host/web/web_answer_source.hpp"

#include <arbor/sdk/services.hpp>
#include <arbor/sdk/wizard.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace arbor::host::web {

/// What a task is, for its state: its id, the session that started it, and what it runs.
struct task_about {
  std::string id;
  std::string session;
  std::string title;   ///< the wizard's title
  std::string node;    ///< the node's path
  std::string action;  ///< the action id
};

class web_task final : public sdk::progress {
 public:
  /// Starts the thread that walks `wizard` (as the registry opened it: guarded) outside `gate`,
  /// which it takes only to destroy the wizard. With `sheet_answers` the wizard is a Properties
  /// tab walked as a property sheet, those its manifest's sheet_answers.
  web_task(task_about about, std::unique_ptr<sdk::wizard> wizard, plugin_gate& gate,
           std::optional<std::vector<std::pair<std::string, std::string>>> sheet_answers = std::nullopt);
  /// Cancels, and waits for the thread (a running task ends when its plugin sees cancelled()).
  ~web_task() override;
  web_task(const web_task&) = delete;
  web_task& operator=(const web_task&) = delete;

  const task_about& about() const noexcept { return about_; }
  bool finished() const;

  /// {"id", "version", "title", "node", "action", "state": "page" | "sheet" | "running" | "done",
  ///  "page", "sheet", "progress", "outcome"}; "page" is null until the first page is shown,
  ///  "sheet" (sheet_json()) is null but while a property sheet is shown.
  boost::json::object state() const;
  /// Waits at most `limit` until the version exceeds `seen` (or the task is done); the state then.
  boost::json::object wait_change(std::uint64_t seen, std::chrono::milliseconds limit) const;
  /// Answers the shown page (web_answer_source::reply()), then waits at most `limit` for the next
  /// page, the run or the end; the state then.
  sdk::result<boost::json::object> answer(const boost::json::object& request, std::chrono::milliseconds limit);
  /// The shown page prepared again with what is typed (web_answer_source::preview()).
  sdk::result<boost::json::object> preview(const boost::json::object& request) { return source_.preview(request); }
  /// The suggestions of a path field of the shown page (web_answer_source::path_suggestions()).
  sdk::result<std::vector<std::string>> path_suggestions(std::string_view field_id) const {
    return source_.path_suggestions(field_id);
  }
  /// Ends the pages with Cancel; a running task sees cancelled().
  void cancel();

  // sdk::progress, called on the task's thread through web_progress.
  void begin(std::string_view label, std::uint64_t total) override;
  void advance(std::uint64_t done, std::string_view note) override;
  bool cancelled() const override { return cancelled_; }
  void end() override;

 private:
  void work();
  void show(boost::json::object page);
  void show_sheet(boost::json::object sheet);
  void running();
  void finish(const wizard_outcome& outcome);
  /// With mutex_ held: one more version, and every waiter wakes.
  void changed();
  boost::json::object state_locked() const;

  task_about about_;
  plugin_gate& gate_;
  std::unique_ptr<sdk::wizard> wizard_;
  std::optional<std::vector<std::pair<std::string, std::string>>> sheet_answers_;
  gated_wizard gated_;
  web_answer_source source_;
  std::atomic<bool> cancelled_{false};

  mutable std::mutex mutex_;
  mutable std::condition_variable change_;
  std::uint64_t version_{1};
  enum class phase : unsigned char { page = 1, sheet, running, done } phase_{phase::page};
  boost::json::value page_ = nullptr;
  boost::json::value sheet_ = nullptr;
  boost::json::value progress_ = nullptr;
  boost::json::value outcome_ = nullptr;

  std::thread thread_;  // last: started once everything above exists
};

}  // namespace arbor::host::web
