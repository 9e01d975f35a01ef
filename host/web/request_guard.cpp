#include "host/web/request_guard.hpp"

#include <algorithm>
#include <charconv>

namespace arbor::host::web {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

/// "[::1]" for an IPv6 address, as it appears in a Host header.
std::string host_form(std::string_view name) {
  return name.find(':') != std::string_view::npos && !name.starts_with('[') ? "[" + std::string(name) + "]" : lower(name);
}

sdk::error wrong_host(std::string_view host) {
  return sdk::fail(sdk::reason::denied, "This console does not answer to the name \"" + std::string(host) + "\".",
                   "open the URL `arbor web` printed, or start it with --allow-host NAME for the name you use");
}

}  // namespace

request_guard::request_guard(std::string listen_host, std::uint16_t port, std::vector<std::string> allowed_names)
    : port_(port) {
  names_.push_back(host_form(listen_host));
  for (const auto& name : allowed_names) names_.push_back(host_form(name));
}

sdk::result<void> request_guard::check_host(std::string_view host) const {
  std::string_view name = host;
  std::uint16_t port = 443;
  const auto colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos) {
    const std::string_view digits = host.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return wrong_host(host);
    name = host.substr(0, colon);
  }
  if (port != port_ || std::find(names_.begin(), names_.end(), lower(name)) == names_.end()) return wrong_host(host);
  return {};
}

sdk::result<void> request_guard::check_origin(std::string_view origin, std::string_view host) const {
  if (origin.empty() || lower(origin) == "https://" + lower(host)) return {};
  return sdk::fail(sdk::reason::denied, "A request from another site (" + std::string(origin) + ") was refused.",
                   "use the console's own page; a proxy in front must keep the Host header");
}

}  // namespace arbor::host::web
