#pragma once
// Where Certificate Services is and how long to wait for it, as the operator set it on the
// Certificate Services properties tab (kept in the settings table of kms.db).
#include <memory>
#include <string_view>

#include "ca/certificate_services.hpp"
#include "store/sqlite.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

namespace arbor::km::workflows {

inline constexpr std::string_view ca_url_setting = "ca.url";
inline constexpr std::string_view ca_connect_timeout_setting = "ca.connect_timeout_ms";
inline constexpr std::string_view ca_total_timeout_setting = "ca.total_timeout_ms";
inline constexpr std::string_view ca_max_in_flight_setting = "ca.max_in_flight";

/// Settings an operator entered, checked once, here: an http(s)://host[:port] URL without a path
/// (kept without trailing slashes), a connect timeout of 1 ms to 10 min, a total timeout from the
/// connect timeout to 1 h, 1 to 64 requests in flight. errc::bad_input naming the value and what
/// is allowed. Converts implicitly: wherever raw settings are passed for these, they are checked.
class checked_ca_settings {
 public:
  checked_ca_settings(ca::connection_settings settings);  // NOLINT(google-explicit-constructor)

  const ca::connection_settings& value() const noexcept { return settings_; }

 private:
  ca::connection_settings settings_;
};

/// The stored settings; defaults (see ca::connection_settings) for what was never set. The URL
/// is empty until an operator sets it.
ca::connection_settings read_ca_settings(store::sqlite::connection& db);

/// Stores all four settings in one transaction.
void write_ca_settings(store::sqlite::connection& db, const checked_ca_settings& settings);

/// The Certificate Services settings change: stores `settings` and audits
/// "ca-settings-changed" (with the address) by `who`, as succeeded or failed.
void change_ca_settings(key_manager& kms, const authorization& who, const checked_ca_settings& settings);

/// A client for the configured Certificate Services. unusable_settings (errc::bad_input, group
/// certificate_services) when no address is set.
std::unique_ptr<ca::certificate_services> open_certificate_services(store::sqlite::connection& db);

}  // namespace arbor::km::workflows
