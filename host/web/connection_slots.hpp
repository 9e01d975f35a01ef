#pragma once
// Who holds the web console's connections. The listener bounds them in all and per client, so
// that one client opening idle connections (each held until the handshake timeout, then opened
// again) cannot keep the operator out. IPv6 clients count per /64, the block one host is given;
// loopback counts like any address, so clients behind an SSH tunnel or a proxy on this machine
// share one address's bound.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace arbor::host::web {

/// What a client's connections count under: the address itself, or its /64 for IPv6 (an
/// IPv4-mapped IPv6 address counts as the IPv4 address).
std::string client_key(std::string_view address);

class connection_slots {
 public:
  enum class refusal { none = 1, all_taken, address_full };

  connection_slots(std::size_t max_total, std::size_t max_per_client);

  /// Takes a slot for a connection from `key` (client_key()), or says why there is none.
  refusal take(const std::string& key);
  /// Gives back the slot a take() of `key` gave.
  void give_back(const std::string& key);

 private:
  const std::size_t max_total_;
  const std::size_t max_per_client_;
  std::mutex mutex_;
  std::size_t total_{0};
  std::map<std::string, std::size_t, std::less<>> held_;  ///< only clients that hold a slot
};

}  // namespace arbor::host::web
