#include "host/cli/options.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

namespace arbor::host::cli {
namespace {

sdk::error usage(std::string message) {
  return sdk::fail(sdk::reason::invalid_input, std::move(message) + " (see `arbor --help`)");
}

struct command_spec {
  std::string_view name;
  std::size_t arguments;
  std::string_view argument_names;
};

constexpr command_spec commands[] = {
    {"plugins", 0, ""},    {"tree", 0, ""},        {"show", 1, "PATH"},
    {"actions", 1, "PATH"}, {"describe", 2, "PATH ACTION"}, {"run", 2, "PATH ACTION"},
    {"web", 0, ""},
};

struct option_spec {
  std::string_view name;
  bool takes_value;
  std::string_view only_for;  ///< the one command the option belongs to; empty: global
  std::function<sdk::result<void>(cli_options&, const std::string&)> apply;
};

template <class Number>
sdk::result<Number> number(std::string_view option, const std::string& text) {
  Number value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // from_chars reads a sign into a signed type: "--password-fd -1" is not a descriptor.
  if (text.empty() || text.front() == '-' || ec != std::errc() || end != text.data() + text.size())
    return usage("--" + std::string(option) + " takes a non-negative number, not \"" + text + "\"");
  return value;
}

sdk::result<void> set_flag(bool& flag) {
  flag = true;
  return {};
}

const std::vector<option_spec>& option_table() {
  static const std::vector<option_spec> table = {
      {"manifests", true, "", [](cli_options& o, const std::string& v) { o.manifest_dirs.emplace_back(v); return sdk::result<void>(); }},
      {"plugin-dir", true, "", [](cli_options& o, const std::string& v) { o.plugin_dirs.emplace_back(v); return sdk::result<void>(); }},
      {"data-dir", true, "", [](cli_options& o, const std::string& v) { o.data_dir = v; return sdk::result<void>(); }},
      {"config", true, "",
       [](cli_options& o, const std::string& v) -> sdk::result<void> {
         const auto eq = v.find('=');
         if (eq == std::string::npos || eq == 0) return usage("--config takes key=value, not \"" + v + "\"");
         o.config.emplace_back(v.substr(0, eq), v.substr(eq + 1));
         return {};
       }},
      {"json", false, "", [](cli_options& o, const std::string&) { return set_flag(o.json); }},
      {"verbose", false, "", [](cli_options& o, const std::string&) { return set_flag(o.verbose); }},
      {"help", false, "", [](cli_options& o, const std::string&) { return set_flag(o.help); }},
      {"version", false, "", [](cli_options& o, const std::string&) { return set_flag(o.version); }},
      {"first", true, "show",
       [](cli_options& o, const std::string& v) -> sdk::result<void> {
         auto n = number<std::size_t>("first", v);
         if (!n) return n.error();
         o.first_row = n.value();
         return {};
       }},
      {"rows", true, "show",
       [](cli_options& o, const std::string& v) -> sdk::result<void> {
         auto n = number<std::size_t>("rows", v);
         if (!n) return n.error();
         o.max_rows = n.value();
         return {};
       }},
      {"answers", true, "run", [](cli_options& o, const std::string& v) { o.answers_file = v; return sdk::result<void>(); }},
      {"set", true, "run", [](cli_options& o, const std::string& v) { o.sets.push_back(v); return sdk::result<void>(); }},
      {"password-file", true, "run", [](cli_options& o, const std::string& v) { o.password_file = v; return sdk::result<void>(); }},
      {"password-fd", true, "run",
       [](cli_options& o, const std::string& v) -> sdk::result<void> {
         auto n = number<int>("password-fd", v);
         if (!n) return n.error();
         o.password_fd = n.value();
         return {};
       }},
      {"yes", false, "run", [](cli_options& o, const std::string&) { return set_flag(o.yes); }},
      {"listen", true, "web", [](cli_options& o, const std::string& v) { o.listen = v; return sdk::result<void>(); }},
      {"tls-cert", true, "web", [](cli_options& o, const std::string& v) { o.tls_cert = v; return sdk::result<void>(); }},
      {"tls-key", true, "web", [](cli_options& o, const std::string& v) { o.tls_key = v; return sdk::result<void>(); }},
      {"access-token-file", true, "web",
       [](cli_options& o, const std::string& v) { o.access_token_file = v; return sdk::result<void>(); }},
      {"allow-host", true, "web", [](cli_options& o, const std::string& v) { o.allow_hosts.push_back(v); return sdk::result<void>(); }},
      {"state-dir", true, "web", [](cli_options& o, const std::string& v) { o.state_dir = v; return sdk::result<void>(); }},
      {"connections-per-address", true, "web",
       [](cli_options& o, const std::string& v) -> sdk::result<void> {
         auto n = number<std::size_t>("connections-per-address", v);
         if (!n) return n.error();
         if (n.value() == 0) return usage("--connections-per-address takes 1 or more, not 0");
         o.connections_per_address = n.value();
         return {};
       }},
  };
  return table;
}

const command_spec* find_command(std::string_view name) {
  auto it = std::find_if(std::begin(commands), std::end(commands), [&](const command_spec& c) { return c.name == name; });
  return it == std::end(commands) ? nullptr : &*it;
}

/// Applies one "--name[=value]" argument; may consume the next argument as its value.
sdk::result<void> apply_option(cli_options& options, const std::vector<std::string>& args, std::size_t& i,
                               std::set<const option_spec*>& seen) {
  const std::string& arg = args[i];
  const auto eq = arg.find('=');
  const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
  const auto& table = option_table();
  auto spec = std::find_if(table.begin(), table.end(), [&](const option_spec& o) { return o.name == name; });
  if (spec == table.end()) return usage("unknown option --" + name);
  seen.insert(&*spec);
  if (!spec->takes_value) {
    if (eq != std::string::npos) return usage("--" + name + " takes no value");
    return spec->apply(options, {});
  }
  if (eq != std::string::npos) return spec->apply(options, arg.substr(eq + 1));
  if (i + 1 >= args.size()) return usage("--" + name + " needs a value");
  return spec->apply(options, args[++i]);
}

sdk::result<void> check_command(const cli_options& options, const std::set<const option_spec*>& seen) {
  for (const option_spec* spec : seen)
    if (!spec->only_for.empty() && spec->only_for != options.command)
      return usage("--" + std::string(spec->name) + " is an option of `arbor " + std::string(spec->only_for) + "`");
  if (options.command.empty() || options.help) return {};
  const command_spec* command = find_command(options.command);
  if (options.arguments.size() != command->arguments) {
    const std::string expected = command->arguments == 0 ? "no arguments" : std::string(command->argument_names);
    return usage("`arbor " + options.command + "` takes " + expected);
  }
  return {};
}

}  // namespace

sdk::result<cli_options> parse_command_line(const std::vector<std::string>& args) {
  cli_options options;
  std::set<const option_spec*> seen;
  bool positional_only = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!positional_only && arg == "--") {
      positional_only = true;
    } else if (!positional_only && arg == "-h") {
      options.help = true;
    } else if (!positional_only && arg.starts_with("--")) {
      if (auto applied = apply_option(options, args, i, seen); !applied) return applied.error();
    } else if (options.command.empty()) {
      if (arg == "help") {  // `arbor help run` is `arbor run --help`
        options.help = true;
        continue;
      }
      if (!find_command(arg)) return usage("unknown command \"" + arg + "\"");
      options.command = arg;
    } else {
      options.arguments.push_back(arg);
    }
  }
  if (auto checked = check_command(options, seen); !checked) return checked.error();
  return options;
}

}  // namespace arbor::host::cli
