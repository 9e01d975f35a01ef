#pragma once
// How users are enrolled, as set on the Enrollment properties tab (kept in the settings table):
// how long an enrollment token stays valid, what key pair users get, and the message handed to
// users with their token.
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/user_key_types.hpp"
#include "store/sqlite.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

namespace arbor::km::workflows {

inline constexpr std::string_view token_lifetime_setting = "enrollment.token_lifetime_s";
inline constexpr std::string_view key_type_setting = "enrollment.key_type";
inline constexpr std::string_view user_message_setting = "enrollment.message";

/// The key pairs users may get, for the Enrollment tab's choice.
using crypto::user_key_types;

/// The Enrollment settings; the member initializers are the defaults.
struct enrollment_settings {
  std::int64_t token_lifetime_s = 7 * 24 * 3600;
  std::string key_type = "rsa2048";  // one of user_key_types
  std::string user_message =
      "Your encryption key is ready to be issued: run Complete Enrollment with your alias and this "
      "token before it expires, and choose a password for your PKCS#12 file.";
};

/// Longest token lifetime an operator may set (90 days): a token is a credential.
inline constexpr std::int64_t max_token_lifetime_s = 90LL * 24 * 3600;

/// Enrollment settings checked once, here: errc::bad_input naming the value when the lifetime
/// is not 60 s to 90 days, the key type is unknown, or the message is longer than 1000
/// characters or holds control characters other than line breaks. Converts implicitly: wherever
/// raw settings are passed for these, they are checked.
class checked_enrollment_settings {
 public:
  checked_enrollment_settings(enrollment_settings settings);  // NOLINT(google-explicit-constructor)

  const enrollment_settings& value() const noexcept { return settings_; }

 private:
  enrollment_settings settings_;
};

/// The stored settings, defaults for what was never set. unusable_settings (errc::corrupt, group
/// enrollment) when a stored value is unusable.
enrollment_settings read_enrollment_settings(store::sqlite::connection& db);

/// Stores all settings in one transaction.
void write_enrollment_settings(store::sqlite::connection& db, const checked_enrollment_settings& settings);

/// The Enrollment settings change: stores `settings` and audits "enrollment-settings-changed"
/// by `who`, as succeeded or failed.
void change_enrollment_settings(key_manager& kms, const authorization& who,
                                const checked_enrollment_settings& settings);

}  // namespace arbor::km::workflows
