// describe and run: an action's wizard, described or run from scripted answers.
#include "host/cli/commands.hpp"
#include "host/cli/interrupt.hpp"
#include "host/cli/scripted_answers.hpp"
#include "host/console/scripted_source.hpp"
#include "host/console/wizard_runner.hpp"

#include <variant>

namespace arbor::host::cli {
namespace {

constexpr const char* secret_hint =
    "Give passwords one per line, in page order, with --password-file FILE or --password-fd N.";

struct opened_action {
  const tree_node* node;
  menu_entry action;
  std::unique_ptr<sdk::wizard> wizard;
};

std::variant<opened_action, exit_code> open_action(session& s, presenter& out, const cli_options& options) {
  const tree_node* node = node_at(s, out, options.arguments[0]);
  if (!node) return exit_code::usage;
  auto action = action_on(s, out, *node, options.arguments[1]);
  if (!action) return exit_code::usage;
  if (!plugin_ready(s, out, action->plugin_id)) return exit_code::plugin;
  auto wizard = s.registry().open(action->plugin_id, node->ref(), action->action_id);
  if (!wizard) {
    out.failure(wizard.error(), {});
    return wizard.error().why == sdk::reason::cancelled ? exit_code::cancelled : exit_code::plugin;
  }
  return opened_action{node, *action, std::move(wizard).value()};
}

/// The answer file (if any) with every --set on top.
std::variant<answer_set, exit_code> gather_answers(presenter& out, const cli_options& options) {
  answer_set answers;
  if (options.answers_file) {
    auto read = read_answer_file(*options.answers_file);
    if (!read) {
      out.failure(read.error(), {});
      return read.error().why == sdk::reason::not_found ? exit_code::usage : exit_code::validation;
    }
    answers = std::move(read).value();
  }
  for (const std::string& assignment : options.sets)
    if (auto applied = apply_set(answers, assignment); !applied) {
      out.failure(applied.error(), {});
      return exit_code::usage;
    }
  return answers;
}

/// Switches the secret prompt to --password-file or --password-fd when given.
bool choose_passwords(session& s, presenter& out, const cli_options& options) {
  if (options.password_file && options.password_fd) {
    out.failure(sdk::fail(sdk::reason::invalid_input, "Give --password-file or --password-fd, not both."), {});
    return false;
  }
  if (options.password_fd) s.services().passwords = password_source::from_fd(*options.password_fd);
  if (!options.password_file) return true;
  auto from_file = password_source::from_file(*options.password_file);
  if (!from_file) out.failure(from_file.error(), {});
  else s.services().passwords = std::move(from_file).value();
  return from_file.ok();
}

exit_code exit_for(wizard_end end) {
  switch (end) {
    case wizard_end::completed: return exit_code::success;
    case wizard_end::refused: return exit_code::validation;
    case wizard_end::plugin_failed: return exit_code::plugin;
    case wizard_end::task_failed: return exit_code::task;
    case wizard_end::cancelled: return exit_code::cancelled;
  }
  return exit_code::plugin;
}

}  // namespace

exit_code describe_action(session& s, presenter& out, const cli_options& options) {
  auto opened = open_action(s, out, options);
  if (auto* code = std::get_if<exit_code>(&opened)) return *code;
  auto& action = std::get<opened_action>(opened);
  out.wizard(*action.node, action.action, action.wizard->spec());
  return exit_code::success;
}

exit_code run_action(session& s, presenter& out, const cli_options& options) {
  auto given = gather_answers(out, options);
  if (auto* code = std::get_if<exit_code>(&given)) return *code;
  if (!choose_passwords(s, out, options)) return exit_code::usage;
  auto opened = open_action(s, out, options);
  if (auto* code = std::get_if<exit_code>(&opened)) return *code;

  scripted_source source(std::move(std::get<answer_set>(given)), &s.services().passwords, secret_hint, interrupted);
  const wizard_outcome outcome = run_wizard(*std::get<opened_action>(opened).wizard, source);
  if (outcome.summary)
    out.summary(*outcome.summary);
  else
    out.failure(outcome.error, {outcome.page_id, outcome.field_id});
  return exit_for(outcome.end);
}

}  // namespace arbor::host::cli
