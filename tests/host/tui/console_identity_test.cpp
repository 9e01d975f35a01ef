#define BOOST_TEST_MODULE console_identity_test
// Which server a console manages, seen as an operator sees it at 80x24 and 120x40: the title bar
// names the data directory, and the Key Manager's details show its identity's subject and the
// short code Save the KMS Certificate gives, with no login (both are public), escaped.
#include <boost/test/unit_test.hpp>

#include "kms_console_at.hpp"
#include "tmux_required.hpp"

#include <string>

namespace {

using arbor::test::kms_console_at;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::tmux_console;

/// The short code of `kms` as Save the KMS Certificate shows it after a login.
std::string saved_short_code(const kms_server& kms) {
  const auto saved = kms.run("save-kms-certificate", login_as(), {"password"}, {"file.path=" + (kms.root() / "kms.crt").string()});
  BOOST_REQUIRE_MESSAGE(saved.exit_code == 0, saved.out + saved.err);
  return kms_server::item(saved, "short_code");
}

/// The Key Manager selected, its identity shown.
void show_key_manager(kms_console_at& at) {
  at.select_key_manager();
  BOOST_REQUIRE_MESSAGE(at.console.wait_for("Server identity"), at.console.screen());
}

void the_console_names_its_server(int cols, int rows) {
  kms_server kms{"identity"};
  const std::string code = saved_short_code(kms);
  kms_console_at at(kms, cols, rows);
  tmux_console& console = at.console;
  show_key_manager(at);
  BOOST_TEST(console.row(0).find(" Arbor console - data directory " + kms.data().string()) == 0u, console.row(0));
  BOOST_REQUIRE_MESSAGE(console.wait_for(code), console.screen());
  const std::string screen = console.screen();
  // At 80x24 the pane is narrower than the subject: the label gives way first ("Short co…").
  BOOST_TEST(screen.find(cols >= 120 ? "Short code" : "Short co") != std::string::npos, screen);
  if (cols >= 120) {
    console.type("<");  // a narrower tree pane leaves the details room for the whole subject
    BOOST_TEST(console.wait_for("/kmsdata)"), console.screen());
  }
  BOOST_TEST(screen.find("CN=Key Management Service (") != std::string::npos, screen);
  BOOST_TEST(screen.find("Login") == std::string::npos, screen);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_identity, *boost::unit_test::precondition(arbor::test::tmux_required()))

BOOST_AUTO_TEST_CASE(the_title_and_details_name_the_server_at_80x24) { the_console_names_its_server(80, 24); }

BOOST_AUTO_TEST_CASE(the_title_and_details_name_the_server_at_120x40) { the_console_names_its_server(120, 40); }

// `arbor show` prints the same table, for scripts, without a password either.
BOOST_AUTO_TEST_CASE(arbor_show_prints_the_identity_without_a_login) {
  kms_server kms{"identity-show"};
  const std::string code = saved_short_code(kms);
  const auto shown = kms.arbor({"show", arbor::test::kms_node});
  BOOST_REQUIRE_MESSAGE(shown.exit_code == 0, shown.out + shown.err);
  BOOST_TEST(shown.out.find("Server identity") != std::string::npos, shown.out);
  BOOST_TEST(shown.out.find(code) != std::string::npos, shown.out);
  BOOST_TEST(shown.out.find("CN=Key Management Service (") != std::string::npos, shown.out);
  // The directory's end, which tells servers apart, where a long path is cut to fit 64 characters.
  const std::string dir = kms.data().string();
  BOOST_TEST(shown.out.find(dir.substr(dir.size() - 24) + ")") != std::string::npos, shown.out);
}

// The identity's name is the operator's (identity.name): the subject's own escaping (RFC 2253)
// writes the control character as \1B, and nothing of it reaches the terminal raw.
BOOST_AUTO_TEST_CASE(a_hostile_identity_name_reaches_the_screen_escaped) {
  kms_server kms{"identity-hostile"};
  kms.configure("identity.name=Evil\x1b[31mName");
  saved_short_code(kms);
  kms_console_at at(kms, 80, 24);
  tmux_console& console = at.console;
  show_key_manager(at);
  BOOST_TEST_REQUIRE(console.wait_for("CN=Evil\\1B[31mName"), console.screen());
  BOOST_TEST(console.screen_with_attributes().find("\x1b[31mName") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
