#pragma once
// The web console's tasks: each action a browser starts is a web_task on its own thread, owned
// by the session that started it. The board bounds how many run at once, keeps a few finished
// ones per session for their outcome, and cancels a session's tasks when the session ends.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/web/plugin_gate.hpp"
#include "host/web/stall_guard.hpp"

#include <arbor/sdk/error.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace arbor::host::web {

class web_task;

class task_board {
 public:
  /// Finished tasks a session keeps for reading their outcome; the oldest goes first.
  static constexpr std::size_t finished_kept_per_session = 8;
  /// How long start() and answer() wait for the wizard's next page, its run or its end.
  static constexpr std::chrono::seconds answer_wait{60};
  /// How long the file picker waits for a directory, and how many may hang at once (stall_guard).
  static constexpr std::chrono::seconds listing_wait{5};
  static constexpr std::size_t hung_listings_borne = 4;

  /// `registry` has discovered its plugins; it, `tree` and `gate` outlive the board.
  /// `max_tasks`: how many tasks may be unfinished at once, over every session.
  task_board(plugin_registry& registry, const console_tree& tree, plugin_gate& gate, std::size_t max_tasks);
  /// Cancels and joins every task thread.
  ~task_board();
  task_board(const task_board&) = delete;
  task_board& operator=(const task_board&) = delete;

  /// Starts the action on the node (rows: keys of selected details rows, SDK 1.2 row selection,
  /// may be empty; `table`: the title of their details table, found among the node's tables that
  /// the action takes rows of when empty). Returns the task id (128-bit random hex) or an error
  /// with a message. Waits (answer_wait at most) for the first page, so state() shows it.
  sdk::result<std::string> start(const std::string& session_id, const std::string& node_path,
                                 const std::string& action_id, const std::vector<std::string>& rows,
                                 const std::string& table = {});
  /// The task's current state as JSON (web_task::state(); a Properties tab of a plugin built for
  /// SDK 1.2 or later shows "state": "sheet" after its login) plus "live": its plugin asks SDK API 1.2
  /// or later, so its shown pages may be previewed. Error when unknown or another session's.
  sdk::result<boost::json::object> state(const std::string& session_id, const std::string& task_id) const;
  /// Answers the shown page: step "next" | "back" | "cancel", answers {field_id: value}; or the
  /// shown sheet: step "apply" | "ok" | "cancel", answers {page_id: {field_id: value}}. Blocks until
  /// the wizard shows the next page or sheet, ends, or starts running; returns the new state (with "live").
  sdk::result<boost::json::object> answer(const std::string& session_id, const std::string& task_id,
                                          const boost::json::object& request);
  /// Cancels: during pages ends the wizard; while running sets progress cancelled().
  sdk::result<void> cancel(const std::string& session_id, const std::string& task_id);
  /// Waits (at most `timeout`) until the state's "version" exceeds `seen`; returns the state.
  sdk::result<boost::json::object> wait_change(const std::string& session_id, const std::string& task_id,
                                               std::uint64_t seen, std::chrono::milliseconds timeout) const;
  /// The shown page prepared again with what is typed on it (SDK 1.2 live pages,
  /// web_answer_source::preview()); refused for a plugin built for SDK 1.0 or 1.1.
  sdk::result<boost::json::object> preview(const std::string& session_id, const std::string& task_id,
                                           const boost::json::object& request);
  /// The file picker of path field `field_id` of the shown page: its suggestions when the plugin
  /// gave some (list_suggestions(); `dir` must then be empty), else the directory `dir`
  /// (list_directory()), as the terminal console's completion takes them.
  sdk::result<boost::json::object> paths(const std::string& session_id, const std::string& task_id,
                                         const std::string& field_id, const std::string& dir);
  /// Forgets the session's tasks (logout, expiry): cancels running ones, which end on their own.
  void drop_session(const std::string& session_id);

 private:
  sdk::result<std::shared_ptr<web_task>> find(const std::string& session_id, const std::string& task_id) const;
  sdk::result<std::unique_ptr<sdk::wizard>> open(const tree_node& node, const menu_entry& entry,
                                                 const std::vector<std::string>& rows, const std::string& table);
  /// Whether `entry` is a Properties tab of a plugin built for SDK 1.2 or later: a property sheet.
  bool opens_as_sheet(const menu_entry& entry) const;
  /// Whether the plugin of `task` asks SDK API 1.2 or later (its pages may be previewed).
  bool live(const web_task& task) const;
  /// `state` with "live" added for `task`.
  boost::json::object with_live(const web_task& task, boost::json::object state) const;
  sdk::result<std::string> rows_table(const tree_node& node, const menu_entry& entry);
  /// Opens the wizard (through the plugin gate) and starts its task; mutex_ is not held.
  sdk::result<std::shared_ptr<web_task>> launch(const std::string& session_id, const tree_node& node,
                                                const menu_entry& entry, const std::vector<std::string>& rows,
                                                const std::string& table);
  /// Gives back a place reserved by start() and registers `task` (if any) in the same step, so the
  /// count of unfinished tasks never passes max_tasks_ nor counts one twice. When `session_id` was
  /// dropped meanwhile, the task is cancelled and retired instead: nobody could answer it.
  void settle(const std::string& session_id, std::shared_ptr<web_task> task);
  /// With mutex_ held: whether another task may start; moves out what is to be destroyed.
  sdk::result<void> make_room(const std::string& session_id, std::vector<std::shared_ptr<web_task>>& gone);

  plugin_registry& registry_;
  const console_tree& tree_;
  plugin_gate& gate_;
  const menu_slots menus_;
  const std::size_t max_tasks_;
  const std::set<std::string, std::less<>> live_plugins_;  ///< ids of the plugins asking API 1.2+
  stall_guard listings_{listing_wait, hung_listings_borne};

  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<web_task>> tasks_;     ///< oldest first
  std::vector<std::shared_ptr<web_task>> retiring_;  ///< dropped and cancelled, not yet over
  /// The sessions of the places start() reserved for wizards being opened outside the lock, one
  /// per place, and those of them dropped meanwhile.
  std::multiset<std::string, std::less<>> opening_;
  std::set<std::string, std::less<>> dropped_while_opening_;
};

}  // namespace arbor::host::web
