#include "workflows/ca_settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include "ca/cfssl_client.hpp"
#include "common/km_error.hpp"
#include "store/settings.hpp"
#include "workflows/unusable_settings.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {
namespace {

constexpr long max_connect_timeout_ms = 600'000;
constexpr long max_total_timeout_ms = 3'600'000;
constexpr std::size_t max_in_flight_limit = 64;

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '[' || c == ']' ||
         c == ':';
}

// "host" or "host:port" (IPv6 in brackets) with a port from 1 to 65535.
bool valid_authority(std::string_view authority) {
  if (authority.empty() || !std::all_of(authority.begin(), authority.end(), host_char)) return false;
  const auto colon = authority.rfind(':');
  const auto bracket = authority.rfind(']');
  if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket))
    return authority.front() != ':';
  const std::string_view host = authority.substr(0, colon);
  const std::string_view port = authority.substr(colon + 1);
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  return !host.empty() && ec == std::errc{} && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

std::string checked_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string_view text(url);
  const auto scheme_end = text.find("://");
  const std::string_view scheme = text.substr(0, scheme_end);
  const bool ok = scheme_end != std::string_view::npos && (scheme == "http" || scheme == "https") &&
                  valid_authority(text.substr(scheme_end + 3));
  if (!ok) {
    throw error(errc::bad_input, "\"" + url +
                                     "\" is not a Certificate Services address: type http:// or https:// followed "
                                     "by the CA server's host and port, without a path (e.g. "
                                     "http://ca.example.org:8888).");
  }
  return url;
}

void check_range(std::string_view what, long value, long low, long high) {
  if (value < low || value > high) {
    throw error(errc::bad_input, std::string(what) + " must be from " + std::to_string(low) + " to " +
                                     std::to_string(high) + ", not " + std::to_string(value) + ".");
  }
}

}  // namespace

checked_ca_settings::checked_ca_settings(ca::connection_settings settings) : settings_(std::move(settings)) {
  settings_.base_url = checked_url(std::move(settings_.base_url));
  check_range("The connect timeout (ms)", settings_.connect_timeout_ms, 1, max_connect_timeout_ms);
  check_range("The total timeout (ms)", settings_.total_timeout_ms, settings_.connect_timeout_ms, max_total_timeout_ms);
  check_range("The number of requests in flight", static_cast<long>(settings_.max_in_flight), 1,
              static_cast<long>(max_in_flight_limit));
}

ca::connection_settings read_ca_settings(store::sqlite::connection& db) {
  store::settings_repository settings(db);
  const ca::connection_settings defaults;
  ca::connection_settings stored;
  stored.base_url = settings.get_text(ca_url_setting, "");
  stored.connect_timeout_ms = settings.get_int(ca_connect_timeout_setting, defaults.connect_timeout_ms);
  stored.total_timeout_ms = settings.get_int(ca_total_timeout_setting, defaults.total_timeout_ms);
  stored.max_in_flight = static_cast<std::size_t>(
      std::max<std::int64_t>(settings.get_int(ca_max_in_flight_setting, static_cast<std::int64_t>(defaults.max_in_flight)), 0));
  return stored;
}

void write_ca_settings(store::sqlite::connection& db, const checked_ca_settings& settings) {
  const ca::connection_settings& valid = settings.value();
  store::sqlite::transaction tx(db);
  store::settings_repository stored(db);
  stored.set_text(ca_url_setting, valid.base_url);
  stored.set_int(ca_connect_timeout_setting, valid.connect_timeout_ms);
  stored.set_int(ca_total_timeout_setting, valid.total_timeout_ms);
  stored.set_int(ca_max_in_flight_setting, static_cast<std::int64_t>(valid.max_in_flight));
  tx.commit();
}

void change_ca_settings(key_manager& kms, const authorization& who, const checked_ca_settings& settings) {
  const std::string& address = settings.value().base_url;
  failure_audited(kms, who.actor(), "ca-settings-changed", address, [&] { write_ca_settings(kms.db(), settings); });
  record_audit(kms, who.actor(), "ca-settings-changed", address, audit_outcome::success);
}

std::unique_ptr<ca::certificate_services> open_certificate_services(store::sqlite::connection& db) {
  ca::connection_settings settings = read_ca_settings(db);
  if (settings.base_url.empty()) {
    throw unusable_settings(unusable_settings::group::certificate_services, errc::bad_input,
                            "Certificate Services is not configured: no CA address is set.");
  }
  return std::make_unique<ca::cfssl_client>(std::move(settings));
}

}  // namespace arbor::km::workflows
