#define BOOST_TEST_MODULE cli_options
#include <boost/test/unit_test.hpp>

#include "host/cli/options.hpp"

using arbor::host::cli::cli_options;
using arbor::host::cli::parse_command_line;

BOOST_AUTO_TEST_CASE(global_options_may_come_before_or_after_the_command) {
  auto parsed = parse_command_line({"--manifests", "a", "run", "Tools/X Y", "go", "--manifests=b", "--json",
                                    "--config", "k=v=w", "--set", "p.f=1", "--password-fd", "7", "--yes"});
  BOOST_REQUIRE(parsed.ok());
  const auto& o = parsed.value();
  BOOST_TEST(o.command == "run");
  BOOST_TEST(o.arguments == (std::vector<std::string>{"Tools/X Y", "go"}));
  BOOST_TEST(o.manifest_dirs.size() == 2u);
  BOOST_TEST(o.json);
  BOOST_TEST(o.config.at(0).second == "v=w");
  BOOST_TEST(o.sets.at(0) == "p.f=1");
  BOOST_TEST(*o.password_fd == 7);
  BOOST_TEST(o.yes);
}

BOOST_AUTO_TEST_CASE(a_negative_password_descriptor_is_refused) {
  auto parsed = parse_command_line({"run", "a", "b", "--password-fd", "-1"});
  BOOST_REQUIRE(!parsed.ok());
  BOOST_TEST(parsed.error().message.find("--password-fd takes a non-negative number, not \"-1\"") !=
                 std::string::npos,
             parsed.error().message);
}

BOOST_AUTO_TEST_CASE(a_double_dash_ends_the_options) {
  auto parsed = parse_command_line({"show", "--", "--odd name"});
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed.value().arguments.at(0) == "--odd name");
}

BOOST_AUTO_TEST_CASE(help_works_for_every_command_without_its_arguments) {
  BOOST_TEST(parse_command_line({"run", "--help"}).value().help);
  auto via_help = parse_command_line({"help", "show"});
  BOOST_REQUIRE(via_help.ok());
  BOOST_TEST(via_help.value().command == "show");
  BOOST_TEST(via_help.value().help);
}

BOOST_AUTO_TEST_CASE(mistakes_are_refused_naming_the_argument) {
  auto refused = [](std::vector<std::string> args, const std::string& part) {
    auto parsed = parse_command_line(args);
    return !parsed.ok() && parsed.error().message.find(part) != std::string::npos;
  };
  BOOST_TEST(refused({"fly"}, "\"fly\""));
  BOOST_TEST(refused({"tree", "--bogus"}, "--bogus"));
  BOOST_TEST(refused({"show"}, "PATH"));
  BOOST_TEST(refused({"run", "a"}, "PATH ACTION"));
  BOOST_TEST(refused({"tree", "--answers", "f"}, "arbor run"));
  BOOST_TEST(refused({"run", "a", "b", "--password-fd", "x"}, "--password-fd"));
  BOOST_TEST(refused({"tree", "--config", "novalue"}, "key=value"));
  BOOST_TEST(refused({"tree", "--json=yes"}, "--json"));
  BOOST_TEST(refused({"tree", "--manifests"}, "needs a value"));
}

BOOST_AUTO_TEST_CASE(web_takes_its_listen_tls_token_and_host_options) {
  auto parsed = parse_command_line({"web", "--listen", "[::1]:0", "--tls-cert", "c.pem", "--tls-key=k.pem",
                                    "--access-token-file", "t", "--allow-host", "a.example", "--allow-host", "b.example",
                                    "--state-dir", "s", "--data-dir", "d", "--connections-per-address", "40"});
  BOOST_REQUIRE(parsed.ok());
  const cli_options& o = parsed.value();
  BOOST_TEST(o.command == "web");
  BOOST_TEST(o.listen == "[::1]:0");
  BOOST_TEST(o.tls_cert->string() == "c.pem");
  BOOST_TEST(o.tls_key->string() == "k.pem");
  BOOST_TEST(o.access_token_file->string() == "t");
  BOOST_TEST((o.allow_hosts == std::vector<std::string>{"a.example", "b.example"}));
  BOOST_TEST(o.state_dir->string() == "s");
  BOOST_TEST(o.connections_per_address == 40u);
  BOOST_TEST(parse_command_line({"web"}).value().listen == "127.0.0.1:8443");
  BOOST_TEST(parse_command_line({"web"}).value().connections_per_address == 16u);
  BOOST_TEST(!parse_command_line({"web", "--connections-per-address", "0"}).ok());
  BOOST_TEST(!parse_command_line({"web", "--connections-per-address", "-3"}).ok());
}

BOOST_AUTO_TEST_CASE(web_options_belong_to_web_only) {
  auto parsed = parse_command_line({"tree", "--listen", "127.0.0.1:1"});
  BOOST_REQUIRE(!parsed.ok());
  BOOST_TEST(parsed.error().message.find("arbor web") != std::string::npos);
  BOOST_TEST(!parse_command_line({"web", "extra"}).ok());
}
