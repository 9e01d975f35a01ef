#pragma once
// The one exception type the Key Manager's services throw. It says what went wrong in words an
// operator can act on, keeps the technical detail apart, and carries a code the plugin maps to
// the SDK's error reasons at the console boundary.
#include <stdexcept>
#include <string>

namespace arbor::km {

enum class errc {
  bad_input = 1,     // the operator gave something unusable (a file, a name, a value)
  not_found,         // a user, key, file or record that was asked for does not exist
  conflict,          // the thing already exists, or another operation holds the lock
  auth_failed,       // wrong administrator name or password, or too few administrators
  locked_out,        // repeated failures: wait before trying again
  io,                // a file or directory could not be read or written
  crypto,            // a cryptographic operation failed or a check did not verify
  corrupt,           // stored data (database, key file, transfer file) is damaged
  ca_unreachable,    // Certificate Services could not be reached (refused, DNS, no route)
  ca_timeout,        // Certificate Services did not answer in time
  ca_error,          // Certificate Services answered with an error or something unreadable
  cancelled,         // the operator cancelled before the point of no return
  internal,          // a bug: an invariant did not hold
};

class error : public std::runtime_error {
 public:
  error(errc code, std::string operator_message, std::string technical = {})
      : std::runtime_error(operator_message), code_(code), technical_(std::move(technical)) {}

  errc code() const noexcept { return code_; }
  // Detail for logs and --verbose output: library error strings, SQL, errno text. Never secrets.
  const std::string& technical() const noexcept { return technical_; }

 private:
  errc code_;
  std::string technical_;
};

}  // namespace arbor::km
