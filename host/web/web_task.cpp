#include "host/web/web_task.hpp"

#include "host/web/web_progress.hpp"
#include "host/web/web_sheet.hpp"
#include "host/web/wizard_json.hpp"

#include <boost/json.hpp>

#include <exception>
#include <utility>

namespace arbor::host::web {
namespace {

namespace json = boost::json;

wizard_outcome broke(std::string_view what) {
  wizard_outcome outcome;
  outcome.end = wizard_end::task_failed;
  outcome.error = sdk::fail(sdk::reason::internal,
                            "The web console could not go on with this task; nothing more was done. Start it again.",
                            std::string(what));
  return outcome;
}

}  // namespace

web_task::web_task(task_about about, std::unique_ptr<sdk::wizard> wizard, plugin_gate& gate,
                   std::optional<std::vector<std::pair<std::string, std::string>>> sheet_answers)
    : about_(std::move(about)),
      gate_(gate),
      wizard_(std::move(wizard)),
      sheet_answers_(std::move(sheet_answers)),
      gated_(*wizard_, [this] { running(); }),
      source_([this](json::object page) { show(std::move(page)); },
              [this](json::object sheet) { show_sheet(std::move(sheet)); }),
      thread_([this] { work(); }) {}

web_task::~web_task() {
  cancel();
  thread_.join();
}

void web_task::work() {
  const web_progress::binding bound(*this);
  wizard_outcome outcome;
  try {
    outcome = sheet_answers_ ? walk_sheet(gated_, source_, *sheet_answers_) : run_wizard(gated_, source_);
  } catch (const std::exception& e) {
    outcome = broke(e.what());
  } catch (...) {
    outcome = broke("an exception not derived from std::exception");
  }
  {
    const auto held = gate_.enter();  // its destructor is a call into the plugin too
    wizard_.reset();
  }
  finish(outcome);
}

void web_task::show(json::object page) {
  const std::lock_guard lock(mutex_);
  phase_ = phase::page;
  page_ = std::move(page);
  sheet_ = nullptr;
  changed();
}

void web_task::show_sheet(json::object sheet) {
  const std::lock_guard lock(mutex_);
  phase_ = phase::sheet;
  page_ = nullptr;
  sheet_ = std::move(sheet);
  progress_ = nullptr;  // of the Apply's run, over
  changed();
}

void web_task::running() {
  const std::lock_guard lock(mutex_);
  phase_ = phase::running;
  page_ = nullptr;
  sheet_ = nullptr;
  changed();
}

void web_task::finish(const wizard_outcome& outcome) {
  json::object ended = outcome_json(outcome);
  const std::lock_guard lock(mutex_);
  phase_ = phase::done;
  page_ = nullptr;
  sheet_ = nullptr;
  progress_ = nullptr;
  outcome_ = std::move(ended);
  changed();
}

void web_task::changed() {
  ++version_;
  change_.notify_all();
}

bool web_task::finished() const {
  const std::lock_guard lock(mutex_);
  return phase_ == phase::done;
}

json::object web_task::state_locked() const {
  static constexpr const char* names[] = {"", "page", "sheet", "running", "done"};  // by phase
  return {{"id", about_.id},     {"version", version_}, {"title", about_.title},   {"node", about_.node},
          {"action", about_.action}, {"state", names[static_cast<int>(phase_)]}, {"page", page_}, {"sheet", sheet_},
          {"progress", progress_}, {"outcome", outcome_}};
}

json::object web_task::state() const {
  const std::lock_guard lock(mutex_);
  return state_locked();
}

json::object web_task::wait_change(std::uint64_t seen, std::chrono::milliseconds limit) const {
  std::unique_lock lock(mutex_);
  change_.wait_for(lock, limit, [&] { return version_ > seen || phase_ == phase::done; });
  return state_locked();
}

sdk::result<json::object> web_task::answer(const json::object& request, std::chrono::milliseconds limit) {
  std::uint64_t before = 0;
  {
    const std::lock_guard lock(mutex_);
    before = version_;
  }
  if (auto handed = source_.reply(request); !handed) return handed.error();
  return wait_change(before, limit);
}

void web_task::cancel() {
  cancelled_ = true;
  source_.cancel();
}

void web_task::begin(std::string_view label, std::uint64_t total) {
  const std::lock_guard lock(mutex_);
  progress_ = json::object{{"label", label}, {"done", std::uint64_t{0}}, {"total", total}, {"note", ""}};
  changed();
}

void web_task::advance(std::uint64_t done, std::string_view note) {
  const std::lock_guard lock(mutex_);
  if (!progress_.is_object()) progress_ = json::object{{"label", ""}, {"done", std::uint64_t{0}}, {"total", std::uint64_t{0}}, {"note", ""}};
  json::object& shown = progress_.as_object();
  shown["done"] = done;
  shown["note"] = note;
  changed();
}

void web_task::end() {
  const std::lock_guard lock(mutex_);
  progress_ = nullptr;
  changed();
}

}  // namespace arbor::host::web
