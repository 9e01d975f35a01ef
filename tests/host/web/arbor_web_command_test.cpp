#define BOOST_TEST_MODULE arbor_web_command_test
// The real `arbor web`: it prints the URL with the token and the certificate's fingerprint, serves
// that URL, stops on Ctrl-C (SIGINT) with exit code 0, and refuses a token file others can read.
#include <boost/test/unit_test.hpp>

#include "../../e2e/arbor_process.hpp"
#include "https_client.hpp"
#include "temporary_directory.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <string>
#include <vector>

using namespace arbor::host::web::test;

namespace {

/// `arbor web` running in the background; its stdout read line by line.
class web_process {
 public:
  explicit web_process(std::vector<std::string> args) {
    int fds[2];
    BOOST_TEST_REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      std::vector<char*> argv{const_cast<char*>(ARBOR_EXE), const_cast<char*>("web")};
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(ARBOR_EXE, argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
  }
  ~web_process() {
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_) ::fclose(out_);
  }

  std::string line() {
    char buffer[512];
    return std::fgets(buffer, sizeof buffer, out_) ? std::string(buffer) : std::string();
  }

  /// Sends SIGINT and returns the exit code.
  int interrupt() {
    ::kill(pid_, SIGINT);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_{-1};
  FILE* out_{nullptr};
  bool waited_{false};
};

}  // namespace

BOOST_AUTO_TEST_CASE(arbor_web_prints_its_url_and_fingerprint_serves_the_token_and_stops_on_ctrl_c) {
  arbor::testing::temporary_directory dir;
  web_process web({"--listen", "127.0.0.1:0", "--state-dir", (dir / "state").string(), "--manifests",
                   ARBOR_SOURCE_DIR "/tests/fixtures/manifests/broken", "--plugin-dir", ARBOR_BINARY_DIR "/tests/fixtures/lib"});
  BOOST_TEST(web.line().starts_with("Arbor web console"));
  const std::string url = web.line();
  std::smatch parts;
  BOOST_TEST_REQUIRE(std::regex_match(url, parts, std::regex(R"(https://127\.0\.0\.1:(\d+)(/\?token=[0-9a-f]{32})\n)")));
  BOOST_TEST(web.line().starts_with("Self-signed certificate"));
  BOOST_TEST(std::regex_match(web.line(), std::regex("SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}\n")));
  https_client client(static_cast<std::uint16_t>(std::stoi(parts[1])));
  const reply r = client.request("GET", parts[2]);
  BOOST_TEST(r.status == 303u);
  BOOST_TEST(r.header("set-cookie").starts_with("arbor_session="));
  BOOST_TEST(web.interrupt() == 0);
}

BOOST_AUTO_TEST_CASE(an_access_token_file_others_may_read_is_refused) {
  arbor::testing::temporary_directory dir;
  const auto token = dir / "token";
  std::ofstream(token) << "a-token-chosen-by-a-script-1234\n";
  ::chmod(token.c_str(), 0644);
  const auto refused = arbor::test::run_arbor({"web", "--listen", "127.0.0.1:0", "--state-dir", (dir / "state").string(),
                                               "--access-token-file", token.string(), "--manifests", dir.path().string()});
  BOOST_TEST(refused.exit_code == 2);
  BOOST_TEST(refused.err.find("may be read by other users") != std::string::npos);
  BOOST_TEST(refused.out.find("a-token-chosen") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(more_connections_per_address_than_served_at_all_are_refused) {
  arbor::testing::temporary_directory dir;
  const auto refused = arbor::test::run_arbor({"web", "--listen", "127.0.0.1:0", "--state-dir", (dir / "state").string(),
                                               "--connections-per-address", "65", "--manifests", dir.path().string()});
  BOOST_TEST(refused.exit_code == 2);
  BOOST_TEST(refused.err.find("--connections-per-address cannot exceed the 64 connections") != std::string::npos);
}

// Scripted setups keep stdout in logs: a token from a file is named, never printed.
BOOST_AUTO_TEST_CASE(a_token_from_a_private_file_is_named_and_never_printed) {
  arbor::testing::temporary_directory dir;
  const auto token = dir / "token";
  std::ofstream(token) << "a-token-chosen-by-a-script-1234\n";
  ::chmod(token.c_str(), 0600);
  web_process web({"--listen", "127.0.0.1:0", "--state-dir", (dir / "state").string(), "--access-token-file",
                   token.string(), "--manifests", dir.path().string()});
  web.line();
  const std::string url = web.line();
  BOOST_TEST(url.find("a-token-chosen-by-a-script-1234") == std::string::npos);
  BOOST_TEST(url.find("(the access token is in " + token.string() + ")") != std::string::npos);
  BOOST_TEST(web.interrupt() == 0);
}

BOOST_AUTO_TEST_CASE(half_a_tls_pair_and_a_bad_listen_address_are_usage_errors) {
  arbor::testing::temporary_directory dir;
  const auto half = arbor::test::run_arbor({"web", "--tls-cert", (dir / "c.pem").string(), "--manifests", dir.path().string()});
  BOOST_TEST(half.exit_code == 2);
  BOOST_TEST(half.err.find("--tls-cert and --tls-key go together") != std::string::npos);
  const auto listen = arbor::test::run_arbor({"web", "--listen", "localhost", "--manifests", dir.path().string()});
  BOOST_TEST(listen.exit_code == 2);
  BOOST_TEST(listen.err.find("--listen takes ADDRESS:PORT") != std::string::npos);
  const auto everywhere = arbor::test::run_arbor({"web", "--listen", "0.0.0.0:0", "--manifests", dir.path().string()});
  BOOST_TEST(everywhere.exit_code == 2);
  BOOST_TEST(everywhere.err.find("--allow-host") != std::string::npos);
}
