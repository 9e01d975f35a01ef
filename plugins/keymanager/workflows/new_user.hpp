#pragma once
// A user an operator is adding, before they exist in kms.db, and the checks their fields pass.
#include <string>

namespace arbor::km::workflows {

/// What an operator enters for a new user. `origin` names where the entry came from in error
/// messages ("line 4 of users.csv"); empty for a user typed on a wizard page.
struct new_user {
  std::string alias;         // 1 to 64 of A-Z a-z 0-9 . _ @ -
  std::string display_name;  // the certificate's common name; empty: the alias
  std::string email;         // goes into the certificate: name@domain in plain ASCII
  std::string origin;
};

/// The common name the user's certificates carry: the display name, or the alias without one.
const std::string& certificate_name(const new_user& user);

/// errc::bad_input, prefixed with the origin when there is one, naming the field that cannot
/// be used and why (the alias's characters and length, a name or e-mail address a certificate
/// cannot carry).
void check_new_user(const new_user& user);

}  // namespace arbor::km::workflows
