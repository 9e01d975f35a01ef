#pragma once
// A user an operator is adding, before they exist in kms.db: built only from fields a user and
// their certificates can carry.
#include <string>

namespace arbor::km::workflows {

class new_user {
 public:
  /// errc::bad_input, prefixed with `origin` when there is one, naming the field that cannot be
  /// used and why (the alias's characters and length, an empty e-mail address, a name or e-mail
  /// address a certificate cannot carry). `origin` names where the entry came from in error
  /// messages ("line 4 of users.csv"); empty for a user typed on a wizard page.
  new_user(std::string alias, std::string display_name, std::string email, std::string origin = {});

  const std::string& alias() const noexcept { return alias_; }                // 1 to 64 of A-Z a-z 0-9 . _ @ -
  const std::string& display_name() const noexcept { return display_name_; }  // may be empty
  const std::string& email() const noexcept { return email_; }                // name@domain in plain ASCII
  const std::string& origin() const noexcept { return origin_; }
  /// The common name the user's certificates carry: the display name, or the alias without one.
  const std::string& certificate_name() const noexcept { return display_name_.empty() ? alias_ : display_name_; }

 private:
  std::string alias_;
  std::string display_name_;
  std::string email_;
  std::string origin_;
};

}  // namespace arbor::km::workflows
