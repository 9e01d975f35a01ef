#define BOOST_TEST_MODULE outcome_log_test
// What the Log view keeps of a task's outcome: that it completed and its counts, never a value
// that may be a one-time secret; failures with their reason.
#include <boost/test/unit_test.hpp>

#include "host/tui/outcome_log.hpp"
#include "host/tui/tui_services.hpp"

#include <string>

using namespace arbor;
using host::wizard_end;
using host::wizard_outcome;

namespace {

std::string all(const host::tui::memory_log& log) {
  std::string text;
  for (const auto& line : log.lines()) text += std::string(host::tui::level_name(line.level)) + ": " + line.message + "\n";
  return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_completed_task_logs_its_counts_and_keeps_other_values_out) {
  wizard_outcome done;
  done.end = wizard_end::completed;
  done.summary = sdk::summary{"Administrators",
                              {{"exported", "Users exported", "3", {}},
                               {"code", "Recovery code", "123456-654321-111111", {}},
                               {"token", "Token", "K7QM3XPA", {}},
                               {"huge", "Digits", "1234567890123", {}}},
                              {}};
  host::tui::memory_log log;
  host::tui::log_outcome(log, "Export Users", done);
  const std::string text = all(log);
  BOOST_TEST(text == "info: Export Users completed.\ninfo: Export Users: Users exported: 3\n", text);
}

BOOST_AUTO_TEST_CASE(a_failed_task_is_an_error_and_a_refusal_is_not) {
  host::tui::memory_log log;
  wizard_outcome failed;
  failed.end = wizard_end::task_failed;
  failed.error = sdk::fail(sdk::reason::failed, "The CA is unreachable.");
  host::tui::log_outcome(log, "Revoke Certificates", failed);
  wizard_outcome refused;
  refused.end = wizard_end::refused;
  refused.error = sdk::fail(sdk::reason::invalid_input, "Type a number.");
  host::tui::log_outcome(log, "Passwords", refused);
  BOOST_TEST(all(log) == "error: Revoke Certificates failed: The CA is unreachable.\n"
                         "info: Passwords: answers refused: Type a number.\n");
}
