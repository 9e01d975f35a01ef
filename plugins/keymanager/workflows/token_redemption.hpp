#pragma once
// What a user gives a token task (Complete Enrollment, Redeem Recovery Token): their token with
// their alias, the password for the PKCS#12 file the task makes, and where to save that file.
#include "workflows/new_file.hpp"
#include "workflows/pkcs12_password.hpp"
#include "workflows/presented_token.hpp"

namespace arbor::km::workflows {

struct token_redemption {
  presented_token token;
  pkcs12_password password;
  new_file output;  // an existing file is never replaced, also one that appears meanwhile
};

}  // namespace arbor::km::workflows
