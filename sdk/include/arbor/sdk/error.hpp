#pragma once
// Errors as values. Every call across the plugin boundary returns a result<T>: either the value
// or an error with a reason, a sentence for the operator and detail for logs. Since 1.0.
#include <string>
#include <utility>
#include <variant>

namespace arbor::sdk {

/// Why something failed; front ends map reasons to exit codes. Zero is deliberately unused.
enum class reason : unsigned char {
  invalid_input = 1,  ///< an answer, file or argument is unusable; the operator can fix it
  not_found,          ///< a node, action, file or record does not exist
  denied,             ///< authentication failed, too few administrators, or locked out
  conflict,           ///< already exists, or another operation holds the lock
  unavailable,        ///< an outside component (a server, a device) could not be reached
  failed,             ///< the operation ran and did not succeed
  cancelled,          ///< the operator cancelled
  incompatible,       ///< version or contract mismatch between host and plugin
  internal,           ///< a bug: an exception escaped, an invariant broke
};

/// Stable lower-case name of a reason, for logs and JSON.
constexpr const char* to_string(reason r) noexcept {
  switch (r) {
    case reason::invalid_input: return "invalid-input";
    case reason::not_found: return "not-found";
    case reason::denied: return "denied";
    case reason::conflict: return "conflict";
    case reason::unavailable: return "unavailable";
    case reason::failed: return "failed";
    case reason::cancelled: return "cancelled";
    case reason::incompatible: return "incompatible";
    case reason::internal: return "internal";
  }
  return "unknown";
}

/// One failure: `message` is what the operator reads (what was wrong, what to do);
/// `technical` is for logs (library error text, file offsets). Neither ever holds a secret.
struct error {
  reason why{reason::failed};
  std::string message;
  std::string technical;
};

/// The value of a successful call, or the error of a failed one.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : state_(std::move(value)) {}
  result(sdk::error e) : state_(std::move(e)) {}

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const sdk::error& error() const& { return std::get<1>(state_); }

 private:
  std::variant<T, sdk::error> state_;
};

/// A call that returns nothing but may fail.
template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(sdk::error e) : error_(std::move(e)), failed_(true) {}

  bool ok() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return ok(); }
  const sdk::error& error() const& { return error_; }

 private:
  sdk::error error_;
  bool failed_{false};
};

/// Shorthand for building an error result: `return fail(reason::invalid_input, "...")`.
inline error fail(reason why, std::string message, std::string technical = {}) {
  return error{why, std::move(message), std::move(technical)};
}

}  // namespace arbor::sdk
