#pragma once
// One factory per Key Manager task and properties tab. Each wizard lives in its own file.
#include "wizards/environment.hpp"

#include <arbor/sdk/wizard.hpp>

#include <iterator>
#include <memory>
#include <span>
#include <string_view>

namespace arbor::km::wizards {

using wizard_ptr = std::unique_ptr<sdk::wizard>;

wizard_ptr make_enroll_users_wizard(const environment& env);
wizard_ptr make_complete_enrollment_wizard(const environment& env);
wizard_ptr make_recover_keys_wizard(const environment& env);
wizard_ptr make_redeem_recovery_wizard(const environment& env);
wizard_ptr make_revoke_certificates_wizard(const environment& env);
wizard_ptr make_retry_pending_revocations_wizard(const environment& env);
wizard_ptr make_export_users_wizard(const environment& env);
wizard_ptr make_import_users_wizard(const environment& env);
wizard_ptr make_save_certificate_wizard(const environment& env);
wizard_ptr make_back_up_wizard(const environment& env);
wizard_ptr make_restore_wizard(const environment& env);
wizard_ptr make_general_tab(const environment& env);
wizard_ptr make_administrators_tab(const environment& env);
wizard_ptr make_passwords_tab(const environment& env);
wizard_ptr make_certificate_services_tab(const environment& env);
wizard_ptr make_enrollment_tab(const environment& env);

/// Whether a task starts with the administrators' login (and so has a password policy), or is
/// one a user runs with a one-time token instead.
enum class login_kind { administrators, token };

/// An action id (as in manifests/keymanager.json) and the wizard it opens.
struct catalog_entry {
  const char* action_id;
  wizard_ptr (*make)(const environment&);
  login_kind login = login_kind::administrators;
};

/// Every action the Key Manager handles, in menu order.
inline constexpr catalog_entry catalog_entries[] = {
    {"enroll-users", &make_enroll_users_wizard},
    {"complete-enrollment", &make_complete_enrollment_wizard, login_kind::token},
    {"recover-keys", &make_recover_keys_wizard},
    {"redeem-recovery", &make_redeem_recovery_wizard, login_kind::token},
    {"revoke-certificates", &make_revoke_certificates_wizard},
    {"export-users", &make_export_users_wizard},
    {"import-users", &make_import_users_wizard},
    {"save-kms-certificate", &make_save_certificate_wizard},
    {"back-up-database", &make_back_up_wizard},
    {"restore-database", &make_restore_wizard},
    {"retry-pending-revocations", &make_retry_pending_revocations_wizard},
    {"general", &make_general_tab},
    {"administrators", &make_administrators_tab},
    {"passwords", &make_passwords_tab},
    {"certificate-services", &make_certificate_services_tab},
    {"enrollment", &make_enrollment_tab},
};
inline constexpr std::size_t catalog_size = std::size(catalog_entries);

inline std::span<const catalog_entry> catalog() { return catalog_entries; }

}  // namespace arbor::km::wizards
