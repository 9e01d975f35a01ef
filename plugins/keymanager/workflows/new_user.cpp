#include "workflows/new_user.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

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

new_user::new_user(std::string alias, std::string display_name, std::string email, std::string origin)
    : alias_(std::move(alias)),
      display_name_(std::move(display_name)),
      email_(std::move(email)),
      origin_(std::move(origin)) {
  try {
    check_alias(alias_);
    if (email_.empty()) throw error(errc::bad_input, "the e-mail address of '" + alias_ + "' is empty");
    crypto::check_csr_subject(certificate_name(), email_);
  } catch (const error& e) {
    if (e.code() != errc::bad_input || origin_.empty()) throw;
    throw error(errc::bad_input, origin_ + ": " + e.what(), e.technical());
  }
}

}  // namespace arbor::km::workflows
