#pragma once
// A process-wide claim on one PKCS#11 token, held from before its login until after its logout.
// PKCS#11 keeps the login state per process and token, not per session: while one task of this
// process is logged in, a second C_Login would be refused (or, were it skipped, the second task
// would use the token without its PIN being checked), and either task's logout would end the
// other's. So the tasks of a process (the web console runs several at once, each on its own
// thread) take a token in turn: the second waits until the first has logged out, then logs in
// with its own PIN. Only the pkcs11 token code uses it.
#include <chrono>
#include <string>

namespace arbor::km::crypto {

class token_claim {
 public:
  // Waits up to `timeout` until no other claim in this process holds `token` (any string naming
  // one token, e.g. the module's canonical path and the token's label), then holds it until
  // destroyed. errc::conflict naming `description` when the token stays held that long.
  token_claim(std::string token, const std::string& description, std::chrono::milliseconds timeout);
  ~token_claim();
  token_claim(const token_claim&) = delete;
  token_claim& operator=(const token_claim&) = delete;

 private:
  std::string token_;
};

}  // namespace arbor::km::crypto
