#include "host/cli/help_text.hpp"

namespace arbor::host::cli {
namespace {

constexpr std::string_view global_options = R"(Global options (anywhere on the line):
  --manifests DIR     read plugin manifests from DIR instead of the defaults (repeatable)
  --plugin-dir DIR    look for plugin libraries in DIR first (repeatable)
  --data-dir DIR      the plugins' data directory (default: ./var/<plugin>, e.g.
                      ./var/keymanager, under the current directory)
  --config KEY=VALUE  a setting for plugins (repeatable; also ARBOR_CONFIG_<KEY>)
  --json              machine-readable output (errors too, as {"error": ...})
  --verbose           show debug log lines on stderr
  --help, -h          this help; `arbor COMMAND --help` for one command
  --version           print the version
)";

constexpr std::string_view environment = R"(Environment:
  ARBOR_MANIFEST_PATH  more manifest directories, ':'-separated, read before the
                       installed one (<prefix>/lib/arbor/manifests, e.g.
                       /usr/lib/arbor/manifests); ignored when --manifests is given
  ARBOR_CONFIG_<KEY>   a setting for plugins, as --config KEY=VALUE
)";

constexpr std::string_view exit_codes = R"(Exit codes:
  0  success
  2  usage error: bad command line, unknown path or action, unreadable answer file
  3  validation failure: answers refused, or a page's validation failed
  4  plugin failure: cannot load, incompatible, or threw
  5  task failure: the task ran and returned an error
  6  cancelled (Ctrl-C, or a confirmation refused without --yes)
)";

constexpr std::string_view overview = R"(Usage: arbor [OPTIONS] COMMAND [ARGS]

The Arbor management console, scripted front end. Without a command on a terminal,
arbor shows the console tree.

Commands:
  plugins                  each plugin, its state and, for failed ones, why
  tree                     the console tree
  show PATH                a node's details: notices and tables
  actions PATH             a node's menu: All Tasks and Properties
  describe PATH ACTION     an action's wizard pages and an example answer file
  run PATH ACTION          run an action with answers from a file
  web                      serve the console to a browser over HTTPS

PATH is '/'-separated, case-sensitive, with or without "Console Root/" in front;
quote it when it has spaces. ACTION is an action id, or PLUGIN-ID:ACTION-ID when
two plugins offer the same id.

)";

constexpr std::string_view run_help = R"(Usage: arbor run PATH ACTION --answers FILE [--set PAGE.FIELD=VALUE]...
                 [--password-file FILE | --password-fd N] [--yes]

Runs the action's wizard without asking anything: every answer comes from FILE and
--set, checked against the wizard's pages before any page is prepared.

  --answers FILE           JSON: {"page": {"field": "text" | ["a", "b"] | true}}
                           (`arbor describe PATH ACTION` prints an example)
  --set PAGE.FIELD=VALUE   one answer, overriding the file; a multi-select takes
                           "a,b", a confirmation "yes" or "no"
  --password-file FILE     passwords, one per line, in page order; also used when
                           the task asks for a password while it runs
  --password-fd N          the same, read from file descriptor N
  --yes                    answer yes when the task asks to confirm something

Passwords are never read from FILE or --set. Without --password-file or
--password-fd, arbor asks for them on the terminal with echo off.

)";

constexpr std::string_view show_help = R"(Usage: arbor show PATH [--first N] [--rows N]

Shows the node's notices and its tables (for a folder: its children).

  --first N   the first row of each table to show (default 0)
  --rows N    at most N rows of each table (default 200)

)";

constexpr std::string_view web_help = R"(Usage: arbor web [--listen ADDRESS:PORT] [--tls-cert FILE --tls-key FILE]
                 [--access-token-file FILE] [--allow-host NAME]... [--state-dir DIR]
                 [--connections-per-address N]

Serves the console tree, details, tasks and plugins to a browser over HTTPS (never
plain HTTP) until Ctrl-C. Prints the URL to open, holding a one-time access token
that the browser trades for a session cookie, and for a self-signed certificate its
SHA-256 fingerprint, to compare with the one the browser shows.

  --listen ADDRESS:PORT    where to listen (default 127.0.0.1:8443; [::1]:8443 for
                           IPv6; port 0 takes a free port)
  --tls-cert FILE          the server certificate (PEM, then its chain) and
  --tls-key FILE           its private key (PEM); without them a self-signed pair is
                           made once in the state directory (0600 files)
  --access-token-file FILE the access token, read from FILE (a regular file that
                           only its owner may read) instead of a new random one
  --allow-host NAME        a name the browser may use for this server besides the
                           listen address (a DNS name, a reverse proxy's name);
                           needed to listen on 0.0.0.0 or ::
  --state-dir DIR          where the self-signed certificate is kept (default
                           $XDG_STATE_HOME/arbor/web or ~/.local/state/arbor/web)
  --connections-per-address N
                           connections one client address may hold (default 16 of
                           the 64 served; browsers behind a proxy or an SSH tunnel
                           share one address)

Tasks ask for plugin passwords on their pages, as in the other front ends: the web
session is not a plugin login. See docs/web-api.md for the routes.

)";

std::string with_common(std::string_view body) {
  std::string text(body);
  text += global_options;
  text += '\n';
  text += environment;
  text += '\n';
  text += exit_codes;
  return text;
}

}  // namespace

std::string help_text(std::string_view command) {
  if (command == "run") return with_common(run_help);
  if (command == "show") return with_common(show_help);
  if (command == "web") return with_common(web_help);
  if (command == "plugins")
    return with_common("Usage: arbor plugins\n\nLists every manifest found, loads each healthy plugin to check it, and\n"
                       "prints its state and, for a failed one, the reason. Exits 0 even when some failed.\n\n");
  if (command == "tree") return with_common("Usage: arbor tree\n\nPrints the console tree drawn from the manifests.\n\n");
  if (command == "actions")
    return with_common("Usage: arbor actions PATH\n\nLists the node's All Tasks and Properties entries, with the plugin "
                       "that handles each\n(actions another plugin adds are marked \"extension\").\n\n");
  if (command == "describe")
    return with_common("Usage: arbor describe PATH ACTION\n\nPrints the action's pages and fields (kind, required, options, "
                       "default, help)\nand an example answer file for `arbor run`.\n\n");
  return with_common(overview);
}

}  // namespace arbor::host::cli
