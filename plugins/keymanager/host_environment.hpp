#pragma once
// The wizards' environment from what the host offers: the data directory service, the
// configuration (identity.key-type, identity.name, auth.argon2-memory-kib,
// auth.argon2-iterations, keys.keep-legacy-master-key, keys.pkcs11-module, keys.pkcs11-token,
// keys.pkcs11-key-label), and the progress and log services.
#include "common/clock.hpp"
#include "wizards/environment.hpp"

#include <arbor/sdk/services.hpp>

namespace arbor::km {

/// errc::bad_input when identity.key-type names no key type, or only one of keys.pkcs11-module and
/// keys.pkcs11-token is given.
wizards::environment environment_from(sdk::host_services& services, const km::clock& clock);

}  // namespace arbor::km
