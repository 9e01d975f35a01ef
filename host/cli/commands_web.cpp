// `arbor web`: the console served to a browser. The server, sessions and routes are host/web's;
// this command reads the options, makes or loads the TLS identity and the access token, installs
// the web's host services, prints the URL, and serves until Ctrl-C.
#include "host/cli/commands.hpp"
#include "host/cli/default_dirs.hpp"
#include "host/cli/input_file.hpp"
#include "host/web/request_guard.hpp"
#include "host/web/task_board.hpp"
#include "host/web/tls_identity.hpp"
#include "host/web/web_progress.hpp"
#include "host/web/web_routes.hpp"
#include "host/web/web_server.hpp"
#include "host/web/web_sessions.hpp"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <iostream>

namespace arbor::host::cli {
namespace {

namespace web = host::web;

/// Tasks started from the browser at once, over every session.
constexpr std::size_t max_web_tasks = 8;

/// The web front end asks for secrets on wizard pages only: a running task that asks here gets
/// nothing, as a script without --password-file does.
class no_secret_prompt final : public sdk::secret_prompt {
 public:
  std::optional<sdk::secret_text> ask(std::string_view) override { return std::nullopt; }
};

struct listen_address {
  std::string host;  ///< without brackets
  std::uint16_t port{0};
};

sdk::result<listen_address> parse_listen(const std::string& text) {
  const auto bad = [&] {
    return sdk::fail(sdk::reason::invalid_input, "--listen takes ADDRESS:PORT (127.0.0.1:8443, [::1]:8443), not \"" + text + "\"");
  };
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad();
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad();
    host = host.substr(1, host.size() - 2);
  }
  std::uint16_t port = 0;
  const char* digits = text.data() + colon + 1;
  auto [end, ec] = std::from_chars(digits, text.data() + text.size(), port);
  if (digits == text.data() + text.size() || ec != std::errc() || end != text.data() + text.size()) return bad();
  return listen_address{host, port};
}

bool every_address(const std::string& host) { return host == "0.0.0.0" || host == "::"; }

/// A token the operator chose: a regular file only its owner may read, one line of URL-safe text.
sdk::result<std::string> token_from_file(const std::filesystem::path& file) {
  auto opened = input_file::open(file, "the access token file", 1024);
  if (!opened) return opened.error();
  struct stat st{};
  if (::fstat(opened.value().fd(), &st) != 0 || (st.st_mode & 077) != 0)
    return sdk::fail(sdk::reason::invalid_input, "The access token file " + file.string() + " may be read by other users.",
                     "chmod 600 it");
  auto text = opened.value().read_all();
  if (!text) return text.error();
  std::string token = std::move(text.value());
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  const bool url_safe = std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
  });
  if (token.size() < 16 || !url_safe) {
    OPENSSL_cleanse(token.data(), token.size());
    return sdk::fail(sdk::reason::invalid_input,
                     "The access token in " + file.string() + " must be one line of at least 16 letters, digits, '-', '_', '.' or '~'.",
                     "write a long random token into it (e.g. `openssl rand -hex 16`)");
  }
  return token;
}

sdk::result<web::tls_identity> identity_for(const cli_options& options) {
  if (options.tls_cert.has_value() != options.tls_key.has_value())
    return sdk::fail(sdk::reason::invalid_input, "--tls-cert and --tls-key go together (see `arbor web --help`)");
  if (options.tls_cert) return web::given_identity(*options.tls_cert, *options.tls_key);
  return web::self_signed_identity(options.state_dir ? *options.state_dir : default_web_state_dir());
}

exit_code refused(const sdk::error& e) {
  std::cerr << "arbor: " << e.message << (e.technical.empty() ? "" : " (" + e.technical + ")") << '\n';
  return exit_code::usage;
}

}  // namespace

exit_code serve_web(session& s, const cli_options& options) {
  auto listen = parse_listen(options.listen);
  if (!listen) return refused(listen.error());
  const listen_address& at = listen.value();
  if (every_address(at.host) && options.allow_hosts.empty())
    return refused(sdk::fail(sdk::reason::invalid_input, "Listening on every address needs --allow-host NAME",
                             "the name browsers use for this server; a Host header must name it"));
  auto identity = identity_for(options);
  if (!identity) return refused(identity.error());
  auto token = options.access_token_file ? token_from_file(*options.access_token_file) : sdk::result<std::string>(web::random_token());
  if (!token) return refused(token.error());

  web::web_progress progress;
  no_secret_prompt no_prompt;
  s.table().set_progress(&progress);
  s.table().set_secret_prompt(&no_prompt);
  sdk::log& log = s.services().log;
  web::server_limits limits;
  if (options.connections_per_address > limits.max_connections)
    return refused(sdk::fail(sdk::reason::invalid_input,
                             "--connections-per-address cannot exceed the " + std::to_string(limits.max_connections) +
                                 " connections arbor web serves at once",
                             "give at most " + std::to_string(limits.max_connections)));
  limits.max_connections_per_address = options.connections_per_address;
  auto server = web::web_server::open(at.host, at.port, identity.value(), limits, log);
  if (!server) return refused(server.error());
  const web::request_guard guard(at.host, server.value()->port(), options.allow_hosts);
  web::web_sessions sessions(token.value(), web::session_limits{}, log);
  web::plugin_gate gate;
  web::task_board tasks(s.registry(), s.tree(), gate, max_web_tasks);
  web::web_routes routes(web::web_context{s.registry(), s.tree(), s.menus(), gate, sessions, guard, &tasks, log});

  server.value()->stop_on_signals();
  const std::string name = every_address(at.host) ? options.allow_hosts.front() : at.host;
  const bool v6 = name.find(':') != std::string::npos;
  // A token from a file stays out of stdout, which scripted setups keep in logs: the URL names the
  // file instead, and the page asks for the token.
  const std::string url = "https://" + (v6 ? "[" + name + "]" : name) + ':' + std::to_string(server.value()->port()) + "/";
  std::cout << "Arbor web console (Ctrl-C stops it); open:\n"
            << (options.access_token_file ? url + " (the access token is in " + options.access_token_file->string() + ")"
                                          : url + "?token=" + token.value())
            << '\n';
  if (identity.value().self_signed)
    std::cout << "Self-signed certificate " << identity.value().certificate.string() << '\n'
              << "SHA-256 fingerprint: " << identity.value().sha256_fingerprint << '\n';
  std::cout << std::flush;
  OPENSSL_cleanse(token.value().data(), token.value().size());
  server.value()->serve(routes);
  return exit_code::success;
}

}  // namespace arbor::host::cli
