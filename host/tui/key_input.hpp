#pragma once
// Reading one key press from the terminal as a key_event.
#include "host/tui/keys.hpp"

#include <string>

namespace arbor::host::tui {

/// Waits up to `timeout_ms` (negative: until a key) for a key. Returns key::interrupt once
/// SIGINT or SIGTERM arrived, key::idle when nothing came in time.
key_event read_key(int timeout_ms = 250);

/// The name an operator knows a key by, for "F5 does nothing here": "F5", "Tab", "x".
std::string key_name(const key_event& k);

}  // namespace arbor::host::tui
