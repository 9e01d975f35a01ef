#pragma once
// Where Certificate Services is and how long to wait for it, as the operator set it on the
// Certificate Services properties tab (kept in the settings table of kms.db).
#include <memory>
#include <string_view>

#include "ca/certificate_services.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::workflows {

inline constexpr std::string_view ca_url_setting = "ca.url";
inline constexpr std::string_view ca_connect_timeout_setting = "ca.connect_timeout_ms";
inline constexpr std::string_view ca_total_timeout_setting = "ca.total_timeout_ms";
inline constexpr std::string_view ca_max_in_flight_setting = "ca.max_in_flight";

/// Checks settings an operator entered: an http(s)://host[:port] URL without a path, a connect
/// timeout of 1 ms to 10 min, a total timeout from the connect timeout to 1 h, 1 to 64 requests
/// in flight. errc::bad_input naming the value and what is allowed. Returns the URL without
/// trailing slashes.
ca::connection_settings checked_ca_settings(ca::connection_settings settings);

/// The stored settings; defaults (see ca::connection_settings) for what was never set. The URL
/// is empty until an operator sets it.
ca::connection_settings read_ca_settings(store::sqlite::connection& db);

/// Checks (checked_ca_settings) and stores all four settings in one transaction.
void write_ca_settings(store::sqlite::connection& db, const ca::connection_settings& settings);

/// A client for the configured Certificate Services. errc::bad_input, pointing to the
/// Certificate Services tab, when no address is set.
std::unique_ptr<ca::certificate_services> open_certificate_services(store::sqlite::connection& db);

}  // namespace arbor::km::workflows
