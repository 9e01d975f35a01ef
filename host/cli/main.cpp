// arbor: the scripted front end of the Arbor console.
#include "host/cli/commands.hpp"
#include "host/cli/escaped_output.hpp"
#include "host/cli/help_text.hpp"
#include "host/cli/interrupt.hpp"
#include "host/cli/options.hpp"
#include "host/cli/presenter.hpp"
#include "host/cli/session.hpp"

#include <arbor/sdk/version.hpp>
#ifdef ARBOR_WITH_TUI
#include "host/tui/run_console.hpp"
#endif

#include <unistd.h>

#include <iostream>

namespace {

using namespace arbor::host::cli;

/// Without a command on a terminal: the full-screen console (the tree where it is not built).
exit_code no_command(session& s, presenter& out) {
  if (::isatty(STDIN_FILENO) != 1 || ::isatty(STDOUT_FILENO) != 1) {
    std::cerr << "arbor: no command given (see `arbor --help`)\n";
    return exit_code::usage;
  }
#ifdef ARBOR_WITH_TUI
  return static_cast<exit_code>(arbor::host::tui::run_console(s.registry(), s.table(), s.tree(), s.menus()));
#endif
  print_tree(s, out);
  std::cout << "\nRun `arbor --help` for the commands, e.g. `arbor show PATH` or `arbor actions PATH`.\n";
  return exit_code::success;
}

exit_code dispatch(const cli_options& options) {
  session s(options);
  auto out = options.json ? make_json_presenter(std::cout, std::cerr) : make_text_presenter(std::cout, std::cerr, options.verbose);
  if (options.command == "plugins") return list_plugins(s, *out);
  if (options.command == "tree") return print_tree(s, *out);
  if (options.command == "show") return show_node(s, *out, options);
  if (options.command == "actions") return list_actions(s, *out, options);
  if (options.command == "describe") return describe_action(s, *out, options);
  if (options.command == "run") return run_action(s, *out, options);
  if (options.command == "web") return serve_web(s, options);
  return no_command(s, *out);
}

}  // namespace

int main(int argc, char** argv) {
  // Every word arbor prints goes through these, whoever wrote it (escaped_output.hpp).
  const escaped_stream escaped_err(std::cerr, escape_style::text);
  auto parsed = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed) {
    std::cerr << "arbor: " << parsed.error().message << '\n';
    return static_cast<int>(exit_code::usage);
  }
  const cli_options& options = parsed.value();
  const escaped_stream escaped_out(std::cout, options.json ? escape_style::json : escape_style::text);
  if (options.help) {
    std::cout << help_text(options.command);
    return static_cast<int>(exit_code::success);
  }
  if (options.version) {
    std::cout << "arbor " << ARBOR_VERSION << " (plugin API " << arbor::sdk::api_major << '.' << arbor::sdk::api_minor
              << ")\n";
    return static_cast<int>(exit_code::success);
  }
  install_interrupt_handler();
  return static_cast<int>(dispatch(options));
}
