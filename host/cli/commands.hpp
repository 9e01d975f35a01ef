#pragma once
// The subcommands of `arbor`. Each prints through the presenter and returns its exit code.
#include "host/cli/exit_codes.hpp"
#include "host/cli/options.hpp"
#include "host/cli/presenter.hpp"
#include "host/cli/session.hpp"

#include <optional>
#include <string>

namespace arbor::host::cli {

exit_code list_plugins(session& s, presenter& out);
exit_code print_tree(session& s, presenter& out);
exit_code show_node(session& s, presenter& out, const cli_options& options);
exit_code list_actions(session& s, presenter& out, const cli_options& options);
exit_code describe_action(session& s, presenter& out, const cli_options& options);
exit_code run_action(session& s, presenter& out, const cli_options& options);
/// `arbor web`: serves the console over HTTPS until Ctrl-C (commands_web.cpp).
exit_code serve_web(session& s, const cli_options& options);

/// Shared by the commands: a node by path, an action on it, a plugin loaded for use. Each
/// reports its own failure through the presenter and returns nullptr / nullopt.
const tree_node* node_at(session& s, presenter& out, const std::string& path);
std::optional<menu_entry> action_on(session& s, presenter& out, const tree_node& node, const std::string& action);
bool plugin_ready(session& s, presenter& out, const std::string& plugin_id);

/// The exit code of an error a loaded plugin returned from one of its calls.
exit_code exit_for_plugin_error(const sdk::error& e);

}  // namespace arbor::host::cli
