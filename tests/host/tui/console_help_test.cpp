#define BOOST_TEST_MODULE console_help_test
// Help in the console, at 80x24 and 120x40: F1 (and '?') on a node, a menu entry and a wizard
// field show what the plugin declares (manifest help texts, field help); '?' in a text field is
// typed; the key-help line follows the open menu; a key that does nothing says so; the Log view
// shows a task's steps and outcome.
#include <boost/test/unit_test.hpp>

#include "kms_console_at.hpp"
#include "tmux_required.hpp"

namespace {

using arbor::test::flat;
using arbor::test::kms_console_at;
using arbor::test::kms_server;
using arbor::test::on_each_size;
using arbor::test::set_unreachable_ca;

}  // namespace

BOOST_AUTO_TEST_SUITE(console_help, *boost::unit_test::precondition(arbor::test::tmux_required()))

BOOST_AUTO_TEST_CASE(f1_and_question_mark_on_the_key_manager_show_its_manifest_help) {
  kms_server kms{"help-node"};
  on_each_size(kms, [&](kms_console_at& at) {
    at.select_key_manager();
    at.console.keys({"F1"});
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Help: Key Manager"), at.console.screen());
    BOOST_TEST(flat(at.console.screen()).find("keeps users' private keys and certificates in escrow") != std::string::npos,
               at.console.screen());
    BOOST_TEST(at.console.screen().find("Node type keymanager.server") != std::string::npos);
    BOOST_TEST(at.console.row(-1).find("Enter/Esc/q close") != std::string::npos);
    at.console.keys({"Escape"});
    BOOST_REQUIRE(at.console.wait_gone("Help: Key Manager"));
    at.console.type("?");
    BOOST_TEST(at.console.wait_for("Help: Key Manager"), at.console.screen());
  });
}

BOOST_AUTO_TEST_CASE(f1_on_a_menu_entry_shows_the_task_help_and_the_key_line_follows_the_menu) {
  kms_server kms{"help-menu"};
  on_each_size(kms, [&](kms_console_at& at) {
    at.select_key_manager();
    at.menu_to("E");  // from Enroll Users, the first entry, to Export Users
    BOOST_REQUIRE(at.console.wait_for("Esc close  F1/? help on the entry"));
    BOOST_TEST(at.console.row(-1).find("Esc close  F1/? help on the entry") != std::string::npos, at.console.row(-1));
    at.console.keys({"F1"});
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Help: Export Users"), at.console.screen());
    BOOST_TEST(flat(at.console.screen()).find("Moves the chosen users, with their whole key history") != std::string::npos,
               at.console.screen());
    BOOST_TEST(at.console.screen().find("org.arbor.keymanager:export-users") != std::string::npos);
    at.console.keys({"Escape"});
    BOOST_REQUIRE(at.console.wait_gone("Help: Export Users"));
    BOOST_TEST(at.console.wait_for("All Tasks"), "the menu is still open under the help");
    at.console.keys({"Escape"});
    BOOST_TEST(at.console.wait_for(" Enter open  m"), at.console.row(-1));
  });
}

BOOST_AUTO_TEST_CASE(f1_on_a_field_shows_its_help_and_a_question_mark_in_it_is_text) {
  kms_server kms{"help-field"};
  on_each_size(kms, [&](kms_console_at& at) {
    at.select_key_manager();
    at.open_task("B", "Back Up Database");
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Key Management Service Login"), at.console.screen());
    at.console.type("?");  // the Administrator field has the focus: '?' is text there
    BOOST_TEST(at.console.wait_for("[admin?"), at.console.screen());
    BOOST_TEST(!at.console.seen_anywhere("Help: Administrator"));
    at.console.keys({"F1"});
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Help: Administrator"), at.console.screen());
    const std::string help = flat(at.console.screen());
    BOOST_TEST(help.find("The name of an administrator of this Key Manager.") != std::string::npos, help);
    BOOST_TEST(help.find("'?' is typed as text here") != std::string::npos, help);
    at.console.keys({"Escape"});
    BOOST_REQUIRE(at.console.wait_for("[admin?"));
    at.console.keys({"Escape"});
    BOOST_TEST(at.console.wait_for("Back Up Database: The wizard was cancelled"), at.console.screen());
  });
}

BOOST_AUTO_TEST_CASE(a_key_that_does_nothing_says_so_in_the_status_line) {
  kms_server kms{"help-dead-key"};
  on_each_size(kms, [&](kms_console_at& at) {
    at.console.keys({"F5"});
    BOOST_TEST(at.console.wait_for("F5 does nothing here; F1 for help"), at.console.screen());
    at.console.type("x");
    BOOST_TEST(at.console.wait_for("x does nothing here; F1 for help"), at.console.screen());
    BOOST_TEST(at.console.row(-2).find("x does nothing here") != std::string::npos);
  });
}

BOOST_AUTO_TEST_CASE(the_key_help_line_follows_an_open_dialog) {
  kms_server kms{"help-dialog"};  // no CA address: Retry Pending Revocations fails with a message box
  on_each_size(kms, [&](kms_console_at& at) {
    at.open_task_logged_in("RRRRR", "Retry Pending Revocations");
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Task failed"), at.console.screen());
    BOOST_TEST(at.console.row(-1).find(" Enter/Esc close") == 0u, at.console.row(-1));
    BOOST_TEST(at.console.row(-1).find("q quit") == std::string::npos);
    at.console.keys({"Enter"});
    BOOST_TEST(at.console.wait_for("q quit"));
  });
}

BOOST_AUTO_TEST_CASE(the_log_view_shows_a_tasks_steps_and_outcome) {
  kms_server kms{"help-log"};
  set_unreachable_ca(kms);
  on_each_size(kms, [&](kms_console_at& at) {
    // Recover, Redeem, Revoke, Restore, Retry Pending Revocations
    at.open_task_logged_in("RRRRR", "Retry Pending Revocations");
    BOOST_REQUIRE_MESSAGE(at.console.wait_for("Retry Pending Revocations: summary"), at.console.screen());
    at.console.keys({"Escape"});
    BOOST_REQUIRE(at.console.wait_for("Retry Pending Revocations completed."));
    at.console.type("l");
    BOOST_REQUIRE(at.console.wait_for(" Log"));
    const std::string log = at.console.screen();
    BOOST_TEST(log.find("info: Step: Retrying revocations (1)") != std::string::npos, log);
    BOOST_TEST(log.find("info: Step done: Retrying revocations (1 of 1)") != std::string::npos, log);
    BOOST_TEST(log.find("info: Retry Pending Revocations completed.") != std::string::npos, log);
    BOOST_TEST(log.find("info: Retry Pending Revocations: Confirmed: 0") != std::string::npos, log);
  });
}

BOOST_AUTO_TEST_SUITE_END()
