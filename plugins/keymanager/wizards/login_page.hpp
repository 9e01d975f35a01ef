#pragma once
// The Key Management Service Login page: one administrator name and password per administrator
// the password policy requires, the HSM PIN where the task opens keys and the site has a token,
// and reading them back.
#include "common/secret.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/sign_in.hpp"

#include <arbor/sdk/wizard.hpp>

#include <cstdint>
#include <vector>

namespace arbor::km::wizards {

/// The login page as declared: one administrator, and the HSM PIN as `pin` asks.
sdk::page declared_login_page(const char* page_id, workflows::hsm_pin_demand pin);

/// The login page for `required` administrators, warning when the initial password is in use,
/// with the HSM PIN last as `pin` asks: a secret field, so scripted mode reads it from the same
/// --password-file or --password-fd as the passwords, on the line after them.
sdk::page login_page_for(const char* page_id, std::int64_t required, bool default_password_in_use,
                         workflows::hsm_pin_demand pin);

/// The names and passwords typed on the prepared login page, in order.
std::vector<workflows::credential> credentials_from(const sdk::page& page, const sdk::answers& so_far);

/// The HSM PIN typed on the prepared login page; empty when it asks none or none was typed.
secret hsm_pin_from(const sdk::page& page, const sdk::answers& so_far);

}  // namespace arbor::km::wizards
