#define BOOST_TEST_MODULE console_properties_test
// Properties tabs as property sheets, at 80x24 and 120x40: the login asked each time a tab
// opens, then the tab's values as fields with OK / Apply / Cancel; Apply changes a value (seen
// again when the tab is reopened), a refusal is shown in place, Cancel changes nothing, and no
// tab ends with a summary screen or "completed".
#include <boost/test/unit_test.hpp>

#include "kms_console_at.hpp"
#include "tmux_required.hpp"

namespace {

using arbor::test::flat;
using arbor::test::kms_console_at;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::on_each_size;
using arbor::test::set_unreachable_ca;

/// Properties > Certificate Services, logged in: the sheet with its fields. The manifest's
/// sheet_answers choose the operation "set", so its page is not shown.
void open_certificate_services(kms_console_at& at) {
  at.menu_to("CC");  // Complete Enrollment, then Certificate Services
  at.console.keys({"Enter"});
  at.log_in();
  BOOST_TEST(!at.console.seen_anywhere("View or change how the CA is reached."));
  BOOST_REQUIRE_MESSAGE(at.console.wait_for("Certificate Services  -  Properties"), at.console.screen());
  BOOST_REQUIRE(at.console.wait_for("[ OK ]  [ Apply ]  [ Cancel ]"));
}

/// Focus on the Connect timeout field (the second), its text replaced by `value`.
void type_connect_timeout(kms_console_at& at, const std::string& value) {
  at.console.keys({"Tab"});
  for (int i = 0; i < 8; ++i) at.console.keys({"BSpace"});
  at.console.type(value);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_properties, *boost::unit_test::precondition(arbor::test::tmux_required()))

BOOST_AUTO_TEST_CASE(apply_on_a_sheet_changes_a_value_seen_again_when_the_tab_is_reopened) {
  kms_server kms{"sheet-apply"};
  set_unreachable_ca(kms);
  int timeout = 3000;
  on_each_size(kms, [&](kms_console_at& at) {
    timeout += 500;
    at.select_key_manager();
    open_certificate_services(at);
    BOOST_TEST(at.console.screen().find("[http://127.0.0.1:9") != std::string::npos, at.console.screen());
    type_connect_timeout(at, "0");
    at.console.keys({"Enter"});  // Apply: refused in place, the sheet stays with what was typed
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("refused its answers"), at.console.screen());
    BOOST_TEST(at.console.screen().find("Certificate Services  -  Properties") != std::string::npos);
    for (int i = 0; i < 2; ++i) at.console.keys({"BSpace"});
    at.console.type(std::to_string(timeout));
    at.console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Applied. The fields show what is stored now."), at.console.screen());
    BOOST_TEST(flat(at.console.screen()).find("Connect timeout (ms): " + std::to_string(timeout)) != std::string::npos,
               at.console.screen());
    BOOST_TEST(!at.console.seen_anywhere(": summary"));
    at.console.keys({"Escape"});
    BOOST_REQUIRE(at.console.wait_for("Certificate Services: the changes were applied."));
    BOOST_TEST(!at.console.seen_anywhere("completed"));

    open_certificate_services(at);  // the password is asked again, and the field holds the new value
    BOOST_TEST(at.console.screen().find("[" + std::to_string(timeout)) != std::string::npos, at.console.screen());
    at.console.keys({"Escape"});
    BOOST_TEST(at.console.wait_for("Certificate Services: closed; nothing was changed."), at.console.screen());
  });
}

BOOST_AUTO_TEST_CASE(a_password_changed_by_another_process_stops_the_next_apply) {
  // A sheet left open after its login, while a second process changes that administrator's
  // password: the next Apply checks the login again and changes nothing.
  kms_server kms{"sheet-stale-login"};
  set_unreachable_ca(kms);
  kms_console_at at(kms, 80, 24);
  at.select_key_manager();
  open_certificate_services(at);
  type_connect_timeout(at, "2100");
  at.console.keys({"Enter"});  // the first Apply runs on the login just given
  BOOST_REQUIRE_MESSAGE(at.console.wait_for("Applied. The fields show what is stored now."), at.console.screen());

  const auto changed = kms.run(
      "administrators",
      R"({"operation":{"action":"change-password"},"login":{"administrator":"admin"},"administrator":{"name":"admin"}})",
      {"password", "Corr3ct-Horse-Battery", "Corr3ct-Horse-Battery"});
  BOOST_REQUIRE_MESSAGE(changed.exit_code == 0, changed.out + changed.err);

  for (int i = 0; i < 4; ++i) at.console.keys({"BTab"});  // from Apply back over OK to Connect timeout
  for (int i = 0; i < 8; ++i) at.console.keys({"BSpace"});
  at.console.type("2200");
  at.console.keys({"Enter"});
  BOOST_TEST(at.console.wait_for("name or password is wrong"), at.console.screen());
  const auto shown = kms.run("certificate-services", login_as(), {"Corr3ct-Horse-Battery"}, {"operation.action=view"});
  BOOST_TEST(shown.out.find("2100") != std::string::npos, shown.out);
  BOOST_TEST(shown.out.find("2200") == std::string::npos, shown.out);
}

BOOST_AUTO_TEST_CASE(cancel_on_a_sheet_changes_nothing_and_ok_applies_and_closes) {
  kms_server kms{"sheet-cancel"};
  set_unreachable_ca(kms);
  on_each_size(kms, [&](kms_console_at& at) {
    at.select_key_manager();
    open_certificate_services(at);
    at.console.keys({"F1"});  // help works on a sheet's field too
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Help: CA address"), at.console.screen());
    BOOST_TEST(at.console.screen().find("http(s)://host:port") != std::string::npos, at.console.screen());
    at.console.keys({"Escape"});
    BOOST_REQUIRE(at.console.wait_for("[ OK ]  [ Apply ]  [ Cancel ]"));
    type_connect_timeout(at, "9999");
    at.console.keys({"Escape"});  // Cancel
    BOOST_REQUIRE(at.console.wait_for("Certificate Services: closed; nothing was changed."));
    open_certificate_services(at);
    BOOST_TEST(at.console.screen().find("[9999") == std::string::npos, at.console.screen());
    BOOST_TEST(at.console.screen().find("[2000") != std::string::npos, at.console.screen());

    type_connect_timeout(at, "2500");
    for (int i = 0; i < 3; ++i) at.console.keys({"Tab"});  // total, in flight, then OK
    at.console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Certificate Services: the changes were applied."), at.console.screen());
    open_certificate_services(at);
    BOOST_TEST(at.console.screen().find("[2500") != std::string::npos, at.console.screen());
    at.console.keys({"Escape"});
    BOOST_REQUIRE(at.console.wait_for("closed; nothing was changed."));
    // Back to 2000 for the next size.
    kms.run("certificate-services", login_as(), {"password"},
            {"operation.action=set", "ca.url=http://127.0.0.1:9", "ca.connect_timeout_ms=2000"});
  });
}

BOOST_AUTO_TEST_CASE(a_tab_without_sheet_answers_asks_its_operation_before_the_login) {
  kms_server kms{"sheet-passwords"};
  on_each_size(kms, [&](kms_console_at& at) {
    at.select_key_manager();
    at.open_task("P", "Passwords");
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("View or change the multiple-password policy."), at.console.screen());
    at.console.keys({"Enter"});  // view
    at.log_in();
    // No page of the sheet applies to "view": the login is shown again, now with Finish.
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Finish runs the task"), at.console.screen());
    at.console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Passwords  -  Properties"), at.console.screen());
    BOOST_TEST(at.console.wait_for("Nothing on this tab can be changed here."), at.console.screen());
    BOOST_TEST(at.console.screen().find("Password policy") != std::string::npos, at.console.screen());
    at.console.keys({"NPage"});  // the rest of the policy table
    BOOST_TEST(at.console.wait_for("change-password"), at.console.screen());
    at.console.keys({"Escape"});
    BOOST_TEST(at.console.wait_for("Passwords: closed."), at.console.screen());
  });
}

BOOST_AUTO_TEST_CASE(the_general_tab_shows_its_values_after_the_login_and_no_summary_screen) {
  kms_server kms{"sheet-general"};
  on_each_size(kms, [&](kms_console_at& at) {
    at.open_task_logged_in("G", "General");
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("General  -  Properties"), at.console.screen());
    BOOST_TEST(at.console.wait_for("Short code:"), at.console.screen());
    BOOST_TEST(at.console.screen().find("Nothing on this tab can be changed here.") != std::string::npos);
    BOOST_TEST(at.console.screen().find("[ OK ]  [ Apply ]  [ Cancel ]") != std::string::npos);
    at.console.keys({"Escape"});
    BOOST_TEST(at.console.wait_for("General: closed."), at.console.screen());
    BOOST_TEST(!at.console.seen_anywhere("General completed."));
    BOOST_TEST(!at.console.seen_anywhere("General: summary"));
  });
}

BOOST_AUTO_TEST_SUITE_END()
