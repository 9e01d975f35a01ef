#include "wizards/sdk_error.hpp"

#include "workflows/unusable_settings.hpp"

namespace arbor::km::wizards {

sdk::reason to_reason(errc code) noexcept {
  switch (code) {
    case errc::bad_input: return sdk::reason::invalid_input;
    case errc::not_found: return sdk::reason::not_found;
    case errc::conflict: return sdk::reason::conflict;
    case errc::auth_failed:
    case errc::locked_out: return sdk::reason::denied;
    case errc::ca_unreachable:
    case errc::ca_timeout: return sdk::reason::unavailable;
    case errc::cancelled: return sdk::reason::cancelled;
    case errc::internal: return sdk::reason::internal;
    case errc::io:
    case errc::crypto:
    case errc::corrupt:
    case errc::ca_error: return sdk::reason::failed;
  }
  return sdk::reason::internal;
}

std::string settings_hint(workflows::unusable_settings::group which) {
  using group = workflows::unusable_settings::group;
  switch (which) {
    case group::certificate_services:
      return "Certificate Services is not configured: set the CA address under Properties > Certificate Services.";
    case group::enrollment: return "A stored Enrollment setting is unusable: set it again under Properties > Enrollment.";
  }
  return "A setting is unusable: set it again under Properties.";
}

std::string operator_message(const error& e) {
  const auto* unusable = dynamic_cast<const workflows::unusable_settings*>(&e);
  return unusable == nullptr ? e.what() : settings_hint(unusable->which());
}

sdk::error to_sdk_error(const error& e) {
  return sdk::error{to_reason(e.code()), operator_message(e), e.technical()};
}

}  // namespace arbor::km::wizards
