#pragma once
// A key history entry made from a certificate the CA issued and the sealed key that goes with it.
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/certificate_facts.hpp"
#include "store/key_history.hpp"

namespace arbor::km::workflows {

/// The entry for the certificate `cert` describes (the store does not parse certificates),
/// status valid, added at `now`.
store::key_entry history_entry(std::string user_id, std::string key_id, crypto::certificate_facts cert,
                               std::vector<std::uint8_t> sealed_key, std::chrono::sys_seconds now);

}  // namespace arbor::km::workflows
