#include "crypto/token_claim.hpp"

#include <condition_variable>
#include <mutex>
#include <set>
#include <utility>

#include "common/km_error.hpp"

namespace arbor::km::crypto {
namespace {

// The tokens claimed in this process. One condition for all of them: a process uses a token or
// two, and a release wakes the few waiters to look again.
std::mutex claims_mutex;
std::condition_variable claim_released;
std::set<std::string> claimed;

}  // namespace

token_claim::token_claim(std::string token, const std::string& description,
                         std::chrono::milliseconds timeout)
    : token_(std::move(token)) {
  std::unique_lock lock(claims_mutex);
  if (!claim_released.wait_for(lock, timeout, [this] { return !claimed.contains(token_); })) {
    throw error(errc::conflict,
                "another task of this console is using " + description +
                    "; try again when it has finished",
                "the token was still claimed after " + std::to_string(timeout.count()) + " ms");
  }
  claimed.insert(token_);
}

token_claim::~token_claim() {
  {
    const std::lock_guard lock(claims_mutex);
    claimed.erase(token_);
  }
  claim_released.notify_all();
}

}  // namespace arbor::km::crypto
