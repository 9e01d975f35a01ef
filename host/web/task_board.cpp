#include "host/web/task_board.hpp"

#include "host/console/sdk_1_2.hpp"
#include "host/plugins/manifest.hpp"
#include "host/web/path_listing.hpp"
#include "host/web/web_task.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <system_error>
#include <utility>

namespace arbor::host::web {
namespace {

std::string random_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    return {};  // the caller refuses the task: an id must not be guessable
  static constexpr char digits[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id += digits[b >> 4];
    id += digits[b & 0xf];
  }
  return id;
}

sdk::error unknown_task() {
  // The same answer for another session's task as for none: ids are not to be probed.
  return sdk::fail(sdk::reason::not_found, "No such task in this session; it may have ended with its session.");
}

/// Tasks that have ended, taken out of `tasks` into `gone`.
void reap(std::vector<std::shared_ptr<web_task>>& tasks, std::vector<std::shared_ptr<web_task>>& gone) {
  auto over = std::stable_partition(tasks.begin(), tasks.end(), [](const auto& t) { return !t->finished(); });
  std::move(over, tasks.end(), std::back_inserter(gone));
  tasks.erase(over, tasks.end());
}

std::set<std::string, std::less<>> live_plugins(const plugin_registry& registry) {
  std::set<std::string, std::less<>> ids;
  for (const manifest* declared : registry.manifests())
    if (built_for_sdk_1_2(*declared)) ids.insert(declared->id);
  return ids;
}

}  // namespace

task_board::task_board(plugin_registry& registry, const console_tree& tree, plugin_gate& gate, std::size_t max_tasks)
    : registry_(registry),
      tree_(tree),
      gate_(gate),
      menus_(registry.manifests()),
      max_tasks_(max_tasks),
      live_plugins_(live_plugins(registry)) {}

task_board::~task_board() {
  std::vector<std::shared_ptr<web_task>> all;
  {
    const std::lock_guard lock(mutex_);
    all = std::move(tasks_);
    std::move(retiring_.begin(), retiring_.end(), std::back_inserter(all));
  }
  for (const auto& task : all) task->cancel();  // all at once, then each is joined
}

sdk::result<std::string> task_board::start(const std::string& session_id, const std::string& node_path,
                                           const std::string& action_id, const std::vector<std::string>& rows,
                                           const std::string& table) {
  const tree_node* node = tree_.find(node_path);
  if (node == nullptr || node->is_folder())
    return sdk::fail(sdk::reason::not_found, "There is no node \"" + node_path + "\" with tasks; pick one in the tree.");
  auto entry = menus_.find(*node, action_id);
  if (!entry) return entry.error();
  {
    std::vector<std::shared_ptr<web_task>> gone;  // destroyed after the lock is released
    const std::lock_guard lock(mutex_);
    if (auto room = make_room(session_id, gone); !room) return room.error();
    opening_.insert(session_id);  // the place is kept while the wizard opens, which waits for the plugin gate
  }
  auto launched = [&] {
    try {
      return launch(session_id, *node, entry.value(), rows, table);
    } catch (...) {
      settle(session_id, nullptr);
      throw;
    }
  }();
  settle(session_id, launched ? launched.value() : nullptr);
  if (!launched) return launched.error();
  const std::shared_ptr<web_task>& task = launched.value();
  task->wait_change(1, answer_wait);  // the first page is prepared on the task's thread
  return task->about().id;
}

sdk::result<std::shared_ptr<web_task>> task_board::launch(const std::string& session_id, const tree_node& node,
                                                          const menu_entry& entry, const std::vector<std::string>& rows,
                                                          const std::string& table) {
  std::string id = random_id();
  if (id.empty()) return sdk::fail(sdk::reason::internal, "No random task id could be made; try again.");
  auto opened = open(node, entry, rows, table);
  if (!opened) return opened.error();
  std::string title = opened.value()->spec().title;
  std::optional<std::vector<std::pair<std::string, std::string>>> sheet;
  if (opens_as_sheet(entry)) sheet = entry.sheet_answers;
  try {
    return std::make_shared<web_task>(task_about{std::move(id), session_id, std::move(title), node.path, entry.action_id},
                                      std::move(opened).value(), gate_, std::move(sheet));
  } catch (const std::system_error& e) {  // no thread could be started
    return sdk::fail(sdk::reason::unavailable, "The console cannot start another task now; try again later.", e.what());
  }
}

void task_board::settle(const std::string& session_id, std::shared_ptr<web_task> task) {
  const std::lock_guard lock(mutex_);
  opening_.erase(opening_.find(session_id));
  const bool dropped = dropped_while_opening_.contains(session_id);
  if (!opening_.contains(session_id)) dropped_while_opening_.erase(session_id);
  if (!task) return;
  if (!dropped) {
    tasks_.push_back(std::move(task));
    return;
  }
  task->cancel();
  retiring_.push_back(std::move(task));
}

bool task_board::opens_as_sheet(const menu_entry& entry) const {
  if (entry.slot != slot_properties) return false;
  for (const manifest* declared : registry_.manifests())
    if (declared->id == entry.plugin_id) return built_for_sdk_1_2(*declared);
  return false;
}

sdk::result<std::unique_ptr<sdk::wizard>> task_board::open(const tree_node& node, const menu_entry& entry,
                                                           const std::vector<std::string>& rows,
                                                           const std::string& table) {
  const auto held = gate_.enter();
  if (rows.empty()) return registry_.open(entry.plugin_id, node.ref(), entry.action_id);
  std::string title = table;
  if (title.empty()) {
    auto found = rows_table(node, entry);
    if (!found) return found.error();
    title = std::move(found).value();
  }
  return registry_.open_selected(entry.plugin_id, node.ref(), entry.action_id, title, rows);
}

sdk::result<std::string> task_board::rows_table(const tree_node& node, const menu_entry& entry) {
  auto view = registry_.details(entry.plugin_id, node.ref(), sdk::row_window{0, 1});
  if (!view) return view.error();
  for (const sdk::table& t : view.value().tables) {
    auto takes = registry_.takes_rows(entry.plugin_id, node.ref(), entry.action_id, t.title);
    if (!takes) return takes.error();
    if (takes.value()) return t.title;
  }
  return sdk::fail(sdk::reason::invalid_input,
                   "\"" + entry.label + "\" does not start with selected rows here; start it without a selection.");
}

sdk::result<void> task_board::make_room(const std::string& session_id, std::vector<std::shared_ptr<web_task>>& gone) {
  reap(retiring_, gone);
  std::size_t unfinished = retiring_.size() + opening_.size();
  std::size_t finished_here = 0;
  auto oldest_finished = tasks_.end();
  for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
    if (!(*it)->finished())
      ++unfinished;
    else if ((*it)->about().session == session_id && finished_here++ == 0)
      oldest_finished = it;
  }
  if (unfinished >= max_tasks_)
    return sdk::fail(sdk::reason::conflict, std::to_string(unfinished) +
                                                " tasks are open already, the most this console runs at once; "
                                                "finish or cancel one, then start this one again.");
  if (finished_here >= finished_kept_per_session) {
    gone.push_back(std::move(*oldest_finished));
    tasks_.erase(oldest_finished);
  }
  return {};
}

sdk::result<std::shared_ptr<web_task>> task_board::find(const std::string& session_id,
                                                         const std::string& task_id) const {
  const std::lock_guard lock(mutex_);
  for (const auto& task : tasks_)
    if (task->about().id == task_id) {
      if (task->about().session != session_id) break;
      return task;
    }
  return unknown_task();
}

sdk::result<boost::json::object> task_board::state(const std::string& session_id, const std::string& task_id) const {
  auto task = find(session_id, task_id);
  if (!task) return task.error();
  return with_live(*task.value(), task.value()->state());
}

bool task_board::live(const web_task& task) const {
  const tree_node* node = tree_.find(task.about().node);
  if (node == nullptr) return false;
  auto entry = menus_.find(*node, task.about().action);
  return entry && live_plugins_.contains(entry.value().plugin_id);
}

boost::json::object task_board::with_live(const web_task& task, boost::json::object state) const {
  state["live"] = live(task);
  return state;
}

sdk::result<boost::json::object> task_board::preview(const std::string& session_id, const std::string& task_id,
                                                     const boost::json::object& request) {
  auto task = find(session_id, task_id);
  if (!task) return task.error();
  if (!live(*task.value()))
    return sdk::fail(sdk::reason::conflict,
                     "This task's plugin was built for SDK 1.0 or 1.1: its pages are prepared once, not while typed.",
                     "answer the page with Next; see \"live\" in the task's state");
  return task.value()->preview(request);
}

sdk::result<boost::json::object> task_board::paths(const std::string& session_id, const std::string& task_id,
                                                   const std::string& field_id, const std::string& dir) {
  auto task = find(session_id, task_id);
  if (!task) return task.error();
  auto suggestions = task.value()->path_suggestions(field_id);
  if (!suggestions) return suggestions.error();
  if (suggestions.value().empty())
    return listings_.run<boost::json::object>([dir] { return list_directory(dir); },
                                              dir.empty() ? "The console's working directory" : "The directory " + dir);
  // The plugin's names may be relative to a directory only it knows (SDK 1.2 path suggestions):
  // its field lists them, as the terminal console completes from them alone.
  if (!dir.empty())
    return sdk::fail(sdk::reason::invalid_input, "This field offers the plugin's suggestions, not directories.",
                     "ask without \"dir\", or type any path in the field");
  return list_suggestions(suggestions.value());
}

sdk::result<boost::json::object> task_board::answer(const std::string& session_id, const std::string& task_id,
                                                    const boost::json::object& request) {
  auto task = find(session_id, task_id);
  if (!task) return task.error();
  auto state = task.value()->answer(request, answer_wait);
  if (!state) return state.error();
  return with_live(*task.value(), std::move(state).value());
}

sdk::result<void> task_board::cancel(const std::string& session_id, const std::string& task_id) {
  auto task = find(session_id, task_id);
  if (!task) return task.error();
  task.value()->cancel();
  return {};
}

sdk::result<boost::json::object> task_board::wait_change(const std::string& session_id, const std::string& task_id,
                                                         std::uint64_t seen, std::chrono::milliseconds timeout) const {
  auto task = find(session_id, task_id);
  if (!task) return task.error();
  return with_live(*task.value(), task.value()->wait_change(seen, timeout));
}

void task_board::drop_session(const std::string& session_id) {
  std::vector<std::shared_ptr<web_task>> theirs;
  std::vector<std::shared_ptr<web_task>> gone;  // destroyed after the lock is released
  {
    const std::lock_guard lock(mutex_);
    if (opening_.contains(session_id)) dropped_while_opening_.insert(session_id);
    auto split = std::stable_partition(tasks_.begin(), tasks_.end(),
                                       [&](const auto& t) { return t->about().session != session_id; });
    theirs.assign(split, tasks_.end());
    std::move(split, tasks_.end(), std::back_inserter(retiring_));  // unfinished until they end
    tasks_.erase(split, tasks_.end());
    reap(retiring_, gone);
  }
  // A task's cancel() waits for a preview of its page, as long as the plugin's prepare() takes:
  // outside the lock only this logout waits for it, not every session's requests.
  for (const auto& task : theirs) task->cancel();
}

}  // namespace arbor::host::web
