#include "workflows/server_facts.hpp"

#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"

namespace arbor::km::workflows {

server_facts read_server_facts(key_manager& kms) {
  const auto& cert = kms.certificate();
  return {cert.subject(),
          cert.key_algorithm(),
          crypto::grouped(crypto::short_code(cert)),
          crypto::with_colons(crypto::sha1_hex(cert)),
          crypto::with_colons(crypto::sha256_hex(cert)),
          cert.not_before(),
          cert.not_after(),
          kms.directory().root(),
          store::schema::version_of(kms.db()),
          store::user_repository(kms.db()).count()};
}

}  // namespace arbor::km::workflows
