#include "workflows/new_user.hpp"

#include <algorithm>
#include <cctype>

#include "common/km_error.hpp"
#include "crypto/csr.hpp"

namespace arbor::km::workflows {
namespace {

constexpr std::size_t max_alias = 64;

bool alias_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '@' || c == '-';
}

void check_alias(const std::string& alias) {
  if (alias.empty()) throw error(errc::bad_input, "the alias is empty: every user needs one");
  if (alias.size() > max_alias || !std::all_of(alias.begin(), alias.end(), alias_char)) {
    throw error(errc::bad_input, "the alias '" + alias +
                                     "' cannot be used: up to 64 letters, digits and . _ @ - (no spaces)");
  }
}

}  // namespace

const std::string& certificate_name(const new_user& user) {
  return user.display_name.empty() ? user.alias : user.display_name;
}

void check_new_user(const new_user& user) {
  try {
    check_alias(user.alias);
    if (user.email.empty()) throw error(errc::bad_input, "the e-mail address of '" + user.alias + "' is empty");
    crypto::check_csr_subject(certificate_name(user), user.email);
  } catch (const error& e) {
    if (e.code() != errc::bad_input || user.origin.empty()) throw;
    throw error(errc::bad_input, user.origin + ": " + e.what(), e.technical());
  }
}

}  // namespace arbor::km::workflows
