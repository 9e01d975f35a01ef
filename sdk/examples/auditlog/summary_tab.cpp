#include "summary_tab.hpp"

#include "csv_file.hpp"

#include <deque>
#include <map>

namespace auditlog {
namespace {

using namespace arbor::sdk;

constexpr std::size_t newest_shown = 20;

}  // namespace

result<summary> summary_tab::run_task(audit_trail& trail, const std::vector<credential>& who, const answers&) {
  std::map<std::string, std::uint64_t> per_event;
  std::deque<audit_record> newest;
  auto read = trail.read(who, [&](const audit_record& r) {
    ++per_event[r.event];
    newest.push_front(r);
    if (newest.size() > newest_shown) newest.pop_back();
  });
  if (!read) return read.error();

  summary result{"Audit Log", {{"records", "Records", std::to_string(read.value()), {}}}, std::nullopt};
  for (const auto& [event, count] : per_event) result.items.push_back({"event." + event, event, std::to_string(count), {}});
  table recent{"Newest records", {{"time", "Time"}, {"actor", "Actor"}, {"event", "Event"}, {"outcome", "Outcome"}}, {}, newest.size()};
  for (const audit_record& r : newest)
    recent.rows.push_back({utc_time(r.time_s), r.actor, r.event, r.succeeded ? "success" : "failure"});
  result.results = std::move(recent);
  return result;
}

}  // namespace auditlog
