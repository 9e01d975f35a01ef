#include "store/settings.hpp"

#include <charconv>
#include <optional>

#include "common/km_error.hpp"

namespace arbor::km::store {
namespace {

std::optional<std::string> lookup(sqlite::connection& db, std::string_view key) {
  auto query = db.prepare("SELECT value FROM settings WHERE key = ?1");
  query.bind(1, key);
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

}  // namespace

std::string settings_repository::get_text(std::string_view key, std::string_view fallback) {
  return lookup(db_, key).value_or(std::string(fallback));
}

std::int64_t settings_repository::get_int(std::string_view key, std::int64_t fallback) {
  const std::optional<std::string> text = lookup(db_, key);
  if (!text) return fallback;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    throw error(errc::corrupt,
                "the setting '" + std::string(key) + "' holds '" + *text +
                    "', which is not a whole number: set it again",
                "settings." + std::string(key));
  }
  return value;
}

bool settings_repository::get_bool(std::string_view key, bool fallback) {
  return get_int(key, fallback ? 1 : 0) != 0;
}

void settings_repository::set_text(std::string_view key, std::string_view value) {
  auto upsert = db_.prepare(
      "INSERT INTO settings (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  upsert.bind(1, key).bind(2, value).run();
}

void settings_repository::set_int(std::string_view key, std::int64_t value) {
  set_text(key, std::to_string(value));
}

void settings_repository::set_bool(std::string_view key, bool value) { set_int(key, value ? 1 : 0); }

}  // namespace arbor::km::store
