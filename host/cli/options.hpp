#pragma once
// The command line of `arbor`: global options anywhere, one subcommand, its arguments and
// options. Hand-written: the grammar is small and Boost.Program_options has no subcommands.
#include <arbor/sdk/error.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace arbor::host::cli {

/// Everything given on the command line, checked for shape (not for meaning).
struct cli_options {
  std::string command;                 ///< empty when none was given
  std::vector<std::string> arguments;  ///< the command's positional arguments

  std::vector<std::filesystem::path> manifest_dirs;  ///< --manifests (replaces the defaults)
  std::vector<std::filesystem::path> plugin_dirs;    ///< --plugin-dir (searched before the default)
  std::optional<std::filesystem::path> data_dir;     ///< --data-dir
  std::vector<std::pair<std::string, std::string>> config;  ///< --config key=value
  bool json{false};
  bool verbose{false};
  bool help{false};
  bool version{false};

  // show
  std::size_t first_row{0};   ///< --first
  std::size_t max_rows{200};  ///< --rows

  // run
  std::optional<std::filesystem::path> answers_file;  ///< --answers
  std::vector<std::string> sets;                      ///< --set page.field=value, in order
  std::optional<std::filesystem::path> password_file; ///< --password-file
  std::optional<int> password_fd;                     ///< --password-fd
  bool yes{false};                                    ///< --yes

  // web
  std::string listen{"127.0.0.1:8443"};               ///< --listen ADDRESS:PORT
  std::optional<std::filesystem::path> tls_cert;      ///< --tls-cert
  std::optional<std::filesystem::path> tls_key;       ///< --tls-key
  std::optional<std::filesystem::path> access_token_file;  ///< --access-token-file
  std::vector<std::string> allow_hosts;               ///< --allow-host, repeatable
  std::optional<std::filesystem::path> state_dir;     ///< --state-dir
  std::size_t connections_per_address{16};            ///< --connections-per-address N
};

/// Parses argv (without argv[0]). Errors (invalid_input) say which argument is wrong and how to
/// get help; they map to exit code 2.
sdk::result<cli_options> parse_command_line(const std::vector<std::string>& args);

}  // namespace arbor::host::cli
