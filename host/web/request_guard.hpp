#pragma once
// Which requests come from this console's own pages. A page of another site may make the browser
// send requests here (DNS rebinding gives it our address under its own name), so the Host header
// must name the address we listen on or a name the operator allowed (--allow-host), and a request
// that says where it comes from (Origin) must come from https://<that Host>.
#include <arbor/sdk/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host::web {

class request_guard {
 public:
  /// `listen_host` is the address served ("127.0.0.1", "::1"), `port` the port really bound,
  /// `allowed_names` the --allow-host names (a proxy's or the machine's DNS name).
  request_guard(std::string listen_host, std::uint16_t port, std::vector<std::string> allowed_names);

  /// The Host header names this server (with its port; no port only when it is 443).
  sdk::result<void> check_host(std::string_view host) const;

  /// An Origin header, when there is one, is exactly "https://" + `host`.
  sdk::result<void> check_origin(std::string_view origin, std::string_view host) const;

 private:
  std::vector<std::string> names_;  ///< lower case; IPv6 addresses in brackets
  std::uint16_t port_;
};

}  // namespace arbor::host::web
