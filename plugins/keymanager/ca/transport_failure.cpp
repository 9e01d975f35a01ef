#include "ca/transport_failure.hpp"

#include <string>

namespace arbor::km::ca {

error transport_failure(const http_response& response, const connection_settings& settings) {
  const std::string where = "Certificate Services at " + settings.base_url;
  const std::string& detail = response.transport_detail;
  switch (response.transport) {
    case transport_status::unreachable:
      return error(errc::ca_unreachable,
                   where + " could not be reached. Check that the CA server is running and that the "
                           "address in the Certificate Services properties is right.",
                   detail);
    case transport_status::connect_timed_out:
      return error(errc::ca_timeout,
                   where + " did not accept a connection within the connect timeout of " +
                       std::to_string(settings.connect_timeout_ms) +
                       " ms. Check the network path to the CA server, or raise the timeout.",
                   detail);
    case transport_status::timed_out:
      return error(errc::ca_timeout,
                   where + " did not answer within the timeout of " + std::to_string(settings.total_timeout_ms) +
                       " ms. The CA server may be overloaded or hung; try again later or raise the timeout.",
                   detail);
    case transport_status::too_large:
      return error(errc::ca_error,
                   where + " answered with more than " + std::to_string(http_session::max_response_bytes) +
                       " bytes, which is not a cfssl response. Check that the address points to the CA server.",
                   detail);
    case transport_status::failed:
      return error(errc::ca_error, where + " could not be talked to: " + detail + ".", detail);
    case transport_status::completed:
      break;
  }
  return error(errc::internal, "An HTTP answer was reported as a transport failure.", where);
}

}  // namespace arbor::km::ca
