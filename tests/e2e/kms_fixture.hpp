#pragma once
// A Key Management server for end-to-end tests: its own temporary KMSData directory, driven
// through the real `arbor` binary. EC P-384 identities and a light Argon2 cost keep the suites
// fast; one test elsewhere covers the RSA 3072 default.
#include "arbor_process.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace arbor::test {

inline const char* const kms_node = "Advanced Security/Key Manager";

/// Runs a shell command and returns what it printed on stdout.
inline std::string shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

/// Quotes `text` for a POSIX shell.
inline std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// The exit status of an arbor process a failpoint killed (SIGKILL).
constexpr int killed = 128 + 9;

/// Sets ARBOR_FAILPOINT for the arbor processes started while it lives.
class armed_failpoint {
 public:
  explicit armed_failpoint(const std::string& name) { ::setenv("ARBOR_FAILPOINT", name.c_str(), 1); }
  ~armed_failpoint() { ::unsetenv("ARBOR_FAILPOINT"); }
  armed_failpoint(const armed_failpoint&) = delete;
  armed_failpoint& operator=(const armed_failpoint&) = delete;
};

class kms_server {
 public:
  explicit kms_server(const std::string& name = "kms") {
    root_ = std::filesystem::temp_directory_path() /
            ("arbor-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~kms_server() { std::filesystem::remove_all(root_); }
  kms_server(const kms_server&) = delete;
  kms_server& operator=(const kms_server&) = delete;

  std::filesystem::path root() const { return root_; }
  std::filesystem::path data() const { return root_ / "kmsdata"; }
  std::filesystem::path db() const { return data() / "database" / "kms.db"; }

  /// The options that point arbor at the built Key Manager, this server's data directory and
  /// the test configuration.
  std::vector<std::string> options() const {
    std::vector<std::string> all{"--manifests", ARBOR_SOURCE_DIR "/manifests", "--plugin-dir",
                                 ARBOR_BINARY_DIR "/lib/arbor/plugins", "--data-dir", data().string(), "--config",
                                 "identity.key-type=ec-p384", "--config", "auth.argon2-memory-kib=8192", "--config",
                                 "auth.argon2-iterations=1"};
    for (const auto& setting : config_) {
      all.push_back("--config");
      all.push_back(setting);
    }
    return all;
  }

  /// Adds `setting` (key=value) to the configuration of every later run.
  void configure(std::string setting) { config_.push_back(std::move(setting)); }

  /// arbor with options() and `args`.
  arbor_result arbor(std::vector<std::string> args, std::optional<std::string> fd_input = std::nullopt) const {
    std::vector<std::string> all = options();
    for (auto& a : args) all.push_back(std::move(a));
    return run_arbor(std::move(all), std::move(fd_input));
  }

  /// Runs `action` with `answers` (JSON), extra `--set`s and the passwords given one per line.
  arbor_result run(const std::string& action, const std::string& answers, std::vector<std::string> passwords,
                   std::vector<std::string> sets = {}, bool json = true) const {
    const auto answer_file = root_ / ("answers-" + std::to_string(counter()++) + ".json");
    std::ofstream(answer_file) << answers;
    std::string lines;
    for (const auto& p : passwords) lines += p + "\n";
    std::vector<std::string> args;
    if (json) args.push_back("--json");
    for (auto s : {std::string("run"), std::string(kms_node), action, std::string("--answers"), answer_file.string(),
                   std::string("--password-fd"), std::string("{fd}")})
      args.push_back(s);
    for (const auto& s : sets) {
      args.push_back("--set");
      args.push_back(s);
    }
    return arbor(std::move(args), lines);
  }

  /// The text of one summary item of a successful --json run.
  static std::string item(const arbor_result& r, const std::string& key) {
    const auto doc = boost::json::parse(r.out).as_object();
    return std::string(doc.at("items").as_object().at(key).as_object().at("value").as_string());
  }

  /// One column of a SQL query against kms.db, through the sqlite3 command line.
  std::string sql(const std::string& query) const {
    return shell("sqlite3 " + quoted(db().string()) + " " + quoted(query));
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path root_;
  std::vector<std::string> config_;
};

// The password a user chooses for the PKCS#12 file a token gives them.
inline const std::string user_password = "user-chosen-pw";

/// The login answers for one administrator.
inline std::string login_as(const std::string& name = "admin") {
  return R"({"login":{"administrator":")" + name + R"("}})";
}

}  // namespace arbor::test
