#pragma once
// The Key Management Service Login page: one administrator name and password per administrator
// the password policy requires, and reading them back as credentials.
#include "workflows/sign_in.hpp"

#include <arbor/sdk/wizard.hpp>

#include <cstdint>
#include <vector>

namespace arbor::km::wizards {

/// The login page as declared: one administrator.
sdk::page declared_login_page(const char* page_id);

/// The login page for `required` administrators, warning when the initial password is in use.
sdk::page login_page_for(const char* page_id, std::int64_t required, bool default_password_in_use);

/// The names and passwords typed on the prepared login page, in order.
std::vector<workflows::credential> credentials_from(const sdk::page& page, const sdk::answers& so_far);

}  // namespace arbor::km::wizards
