#pragma once
// A Key Manager in a scratch directory with a test clock and a fake CA, for the workflow tests.
#include "common/clock.hpp"
#include "fake_certificate_services.hpp"
#include "scratch_dir.hpp"
#include "instance/key_manager.hpp"
#include "test_key_manager.hpp"
#include "store/key_history.hpp"

#include <ostream>

// How Boost.Test prints the enums these tests compare.
namespace arbor::km {
inline std::ostream& operator<<(std::ostream& out, errc code) { return out << "errc " << static_cast<int>(code); }
}  // namespace arbor::km
namespace arbor::km::store {
inline std::ostream& operator<<(std::ostream& out, key_status status) { return out << to_string(status); }
}  // namespace arbor::km::store
namespace arbor::km::ca {
inline std::ostream& operator<<(std::ostream& out, revocation_reason reason) { return out << rfc5280_name(reason); }
}  // namespace arbor::km::ca

namespace arbor::km::testing {

struct escrow_fixture {
  scratch_dir dir;
  km::test_clock clock{1'700'000'000};
  key_manager kms = open_test_kms(dir / "kmsdata", identity_options{crypto::key_type::ec_p384, "Test KMS"}, clock);
  opened_vault keys = admin_keys(kms);
  fake_certificate_services ca;
};

}  // namespace arbor::km::testing
