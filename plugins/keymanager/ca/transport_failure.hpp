#pragma once
// Turns an HTTP exchange that never produced an answer into the error an operator sees.
#include "ca/certificate_services.hpp"
#include "ca/http_session.hpp"
#include "common/km_error.hpp"

namespace arbor::km::ca {

/// The error for a response whose transport is not completed: ca_unreachable naming the
/// address, ca_timeout naming the timeout that ran out, or ca_error.
error transport_failure(const http_response& response, const connection_settings& settings);

}  // namespace arbor::km::ca
