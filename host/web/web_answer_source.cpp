#include "host/web/web_answer_source.hpp"

#include "host/console/wizard_runner.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <utility>

namespace arbor::host::web {

web_answer_source::web_answer_source(std::function<void(boost::json::object)> publish,
                                     std::function<void(boost::json::object)> publish_sheet)
    : publish_(std::move(publish)), publish_sheet_(std::move(publish_sheet)) {}

sdk::result<void> web_answer_source::check(const sdk::wizard_spec& spec) {
  const std::lock_guard lock(mutex_);
  page_ids_.clear();
  for (const sdk::page& page : spec.pages) page_ids_.push_back(page.id);
  return {};
}

sdk::result<page_step> web_answer_source::show(const sdk::page& page, const sdk::answers& so_far,
                                               const sdk::error* problem, bool finishes) {
  std::unique_lock lock(mutex_);
  taken_.clear();  // the secrets of the page before are wiped here at the latest
  if (cancelled_) return page_step::cancel;
  if (shown_.empty() || shown_.back() != page.id) shown_.push_back(page.id);
  boost::json::object shown = page_json(page, so_far, problem, finishes);
  shown["index"] = std::find(page_ids_.begin(), page_ids_.end(), page.id) - page_ids_.begin();
  shown["count"] = page_ids_.size();
  shown["back"] = shown_.size() > 1;
  waiting_ = page;
  so_far_ = &so_far;
  arrived_.reset();
  publish_(std::move(shown));  // under the lock: no answer can reach a page not yet published
  answered_.wait(lock, [this] { return arrived_.has_value() || cancelled_; });
  waiting_.reset();
  so_far_ = nullptr;
  if (cancelled_) {
    arrived_.reset();
    return page_step::cancel;
  }
  const page_step step = arrived_->step;
  taken_.emplace(page.id, std::move(*arrived_));
  arrived_.reset();
  if (step == page_step::back) shown_.pop_back();
  return step;
}

sheet_step web_answer_source::show_sheet(const std::vector<sdk::page>& pages, const wizard_outcome* refusal,
                                         const std::optional<sdk::summary>& values, bool applied) {
  std::unique_lock lock(mutex_);
  boost::json::object shown = sheet_json(pages, taken_, refusal, values, applied);
  taken_.clear();  // what was typed is in `shown` now; its secrets are wiped here
  if (cancelled_) return sheet_step::cancel;
  sheet_ = pages;
  sheet_arrived_.reset();
  publish_sheet_(std::move(shown));  // under the lock, as a page
  answered_.wait(lock, [this] { return sheet_arrived_.has_value() || cancelled_; });
  sheet_.reset();
  if (cancelled_) {
    sheet_arrived_.reset();
    return sheet_step::cancel;
  }
  const sheet_step step = sheet_arrived_->step;
  if (step != sheet_step::cancel) taken_ = std::move(sheet_arrived_->pages);  // Cancel collects nothing
  sheet_arrived_.reset();
  return step;
}

std::optional<raw_value> web_answer_source::value(const sdk::page& page, const sdk::field& field) {
  const std::lock_guard lock(mutex_);
  const auto taken = taken_.find(page.id);
  if (taken == taken_.end()) return std::nullopt;
  auto given = taken->second.values.find(field.id);
  if (given == taken->second.values.end()) return std::nullopt;
  return given->second;
}

std::optional<sdk::secret_text> web_answer_source::secret(const sdk::page& page, const sdk::field& field) {
  const std::lock_guard lock(mutex_);
  const auto taken = taken_.find(page.id);
  if (taken == taken_.end()) return std::nullopt;
  auto given = taken->second.secrets.find(field.id);
  if (given == taken->second.secrets.end()) return std::nullopt;
  sdk::secret_text collected = std::move(given->second);  // the runner holds it from here on
  taken->second.secrets.erase(given);
  return collected;
}

void web_answer_source::refresh_with(page_refresh refresh) {
  const std::lock_guard lock(mutex_);
  refresh_ = std::move(refresh);
}

sdk::result<boost::json::object> web_answer_source::preview(const boost::json::object& request) {
  const std::lock_guard lock(mutex_);  // held through the plugin's call: no answer overtakes it
  const boost::json::value* page_id = request.if_contains("page");
  if (!waiting_ || arrived_ || !refresh_ || so_far_ == nullptr || page_id == nullptr || !page_id->is_string() ||
      page_id->as_string() != waiting_->id)
    return sdk::fail(sdk::reason::conflict,
                     "This page is not the one the task shows now, so it is not prepared again. Read the task's "
                     "state and preview the page it shows.");
  if (asks_secret(*waiting_))
    return sdk::fail(sdk::reason::invalid_input,
                     "A page that asks a secret is never prepared again while it is typed; answer it with Next.");
  boost::json::object as_reply{{"step", "next"}};
  if (const boost::json::value* given = request.if_contains("answers")) as_reply["answers"] = *given;
  auto typed = reply_from_json(*waiting_, as_reply);
  if (!typed) return typed.error();
  sdk::answers answers = *so_far_;
  for (const sdk::field& field : waiting_->fields) {
    answers.erase(waiting_->id, field.id);
    const auto value = typed.value().values.find(field.id);
    if (value == typed.value().values.end()) continue;
    if (auto converted = to_answer(field, value->second, false)) answers.set(waiting_->id, field.id, std::move(converted).value());
  }
  auto again = refresh_(answers);
  if (!again) return again.error();
  boost::json::array info;
  for (const std::string& line : again.value().info) info.emplace_back(line);
  boost::json::object options;
  for (sdk::field& shown : waiting_->fields) {
    if (shown.kind != sdk::field_kind::path) continue;
    for (const sdk::field& fresh : again.value().fields)
      if (fresh.id == shown.id && fresh.kind == sdk::field_kind::path) shown.options = fresh.options;
    boost::json::array offered;
    for (const std::string& option : shown.options) offered.emplace_back(option);
    options[shown.id] = std::move(offered);
  }
  return boost::json::object{{"page", waiting_->id}, {"info", std::move(info)}, {"options", std::move(options)}};
}

sdk::result<std::vector<std::string>> web_answer_source::path_suggestions(std::string_view field_id) const {
  const std::lock_guard lock(mutex_);
  if (waiting_)
    for (const sdk::field& field : waiting_->fields)
      if (field.id == field_id && field.kind == sdk::field_kind::path) return field.options;
  return sdk::fail(sdk::reason::not_found, "The page this task shows has no path field \"" + std::string(field_id) +
                                               "\"; pick files only for a path field of the page shown.");
}

bool web_answer_source::cancelled() const {
  const std::lock_guard lock(mutex_);
  return cancelled_;
}

sdk::result<void> web_answer_source::reply(const boost::json::object& request) {
  const std::lock_guard lock(mutex_);
  if (sheet_ && !sheet_arrived_) {
    auto read = sheet_reply_from_json(*sheet_, request);
    if (!read) return read.error();
    sheet_arrived_ = std::move(read).value();
    answered_.notify_all();
    return {};
  }
  if (!waiting_ || arrived_)
    return sdk::fail(sdk::reason::conflict,
                     "No page of this task is waiting for an answer: the last one is still being checked, or the "
                     "task is running or over. Read the task's state and answer the page it shows.");
  auto read = reply_from_json(*waiting_, request);
  if (!read) return read.error();
  arrived_ = std::move(read).value();
  answered_.notify_all();
  return {};
}

void web_answer_source::cancel() {
  const std::lock_guard lock(mutex_);
  cancelled_ = true;
  answered_.notify_all();
}

}  // namespace arbor::host::web
