#include "workflows/enrollment_settings.hpp"

#include <algorithm>

#include "common/km_error.hpp"
#include "store/settings.hpp"
#include "workflows/unusable_settings.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {
namespace {

constexpr std::int64_t min_token_lifetime_s = 60;
constexpr std::size_t max_message_size = 1000;

bool printable_or_line_break(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 ? byte != 0x7f : (c == '\n' || c == '\t');
}

}  // namespace

checked_enrollment_settings::checked_enrollment_settings(enrollment_settings given) : settings_(std::move(given)) {
  const enrollment_settings& settings = settings_;
  if (settings.token_lifetime_s < min_token_lifetime_s || settings.token_lifetime_s > max_token_lifetime_s) {
    throw error(errc::bad_input, "The token lifetime must be from 60 to " + std::to_string(max_token_lifetime_s) +
                                     " seconds (90 days), not " + std::to_string(settings.token_lifetime_s) + ".");
  }
  crypto::check_user_key_type(settings.key_type);
  if (settings.user_message.size() > max_message_size ||
      !std::all_of(settings.user_message.begin(), settings.user_message.end(), printable_or_line_break)) {
    throw error(errc::bad_input, "The message to users must be at most 1000 characters of text.");
  }
}

enrollment_settings read_enrollment_settings(store::sqlite::connection& db) {
  store::settings_repository stored(db);
  const enrollment_settings defaults;
  enrollment_settings settings;
  settings.token_lifetime_s = stored.get_int(token_lifetime_setting, defaults.token_lifetime_s);
  settings.key_type = stored.get_text(key_type_setting, defaults.key_type);
  settings.user_message = stored.get_text(user_message_setting, defaults.user_message);
  try {
    return checked_enrollment_settings(std::move(settings)).value();
  } catch (const error& e) {
    throw unusable_settings(unusable_settings::group::enrollment, errc::corrupt,
                            "A stored Enrollment setting is unusable.", e.what());
  }
}

void write_enrollment_settings(store::sqlite::connection& db, const checked_enrollment_settings& checked) {
  const enrollment_settings& settings = checked.value();
  store::sqlite::transaction tx(db);
  store::settings_repository stored(db);
  stored.set_int(token_lifetime_setting, settings.token_lifetime_s);
  stored.set_text(key_type_setting, settings.key_type);
  stored.set_text(user_message_setting, settings.user_message);
  tx.commit();
}

}  // namespace arbor::km::workflows

namespace arbor::km::workflows {

void change_enrollment_settings(key_manager& kms, const authorization& who,
                                const checked_enrollment_settings& settings) {
  failure_audited(kms, who.actor(), "enrollment-settings-changed", "",
                  [&] { write_enrollment_settings(kms.db(), settings); });
  record_audit(kms, who.actor(), "enrollment-settings-changed", "", audit_outcome::success);
}

}  // namespace arbor::km::workflows
