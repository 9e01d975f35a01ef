#pragma once
// A one-time token as a user presents it: with the alias it was issued to. Whether the token is
// valid is for the token store to say (token_check.hpp); this only holds that both were given.
#include <string>

#include "common/km_error.hpp"
#include "common/secret.hpp"

namespace arbor::km::workflows {

class presented_token {
 public:
  /// What a presentation lacks.
  enum class part { alias, token };

  /// errc::bad_input for a presentation without `which`.
  class incomplete : public error {
   public:
    incomplete(part which, std::string message) : error(errc::bad_input, std::move(message)), which_(which) {}
    part which() const noexcept { return which_; }

   private:
    part which_;
  };

  /// Throws `incomplete` when the alias or the token is empty.
  presented_token(std::string alias, secret token);

  const std::string& alias() const noexcept { return alias_; }
  const secret& token() const noexcept { return token_; }

 private:
  std::string alias_;
  secret token_;
};

}  // namespace arbor::km::workflows
