#include "host_environment.hpp"

#include "common/km_error.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace arbor::km {
namespace {

std::uint32_t config_number(sdk::configuration* config, std::string_view key, std::uint32_t fallback) {
  if (config == nullptr) return fallback;
  const auto text = config->get(key);
  std::uint32_t value = 0;
  if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc{}) return fallback;
  return value;
}

// A setting given empty (keys.pkcs11-token=) counts as not given.
std::optional<std::string> config_text(sdk::configuration& config, std::string_view key) {
  auto text = config.get(key);
  if (text && text->empty()) return std::nullopt;
  return text;
}

// The module and the token name the HSM together: one without the other is a mistake, not "no HSM".
// The path and the labels are checked where the token is opened (crypto::pkcs11_token::open).
std::optional<workflows::pkcs11_config> pkcs11_from(sdk::configuration& config) {
  const auto module = config_text(config, "keys.pkcs11-module");
  const auto token = config_text(config, "keys.pkcs11-token");
  const auto key = config_text(config, "keys.pkcs11-key-label");
  if (!module && !token && !key) return std::nullopt;
  if (!module || !token)
    throw error(errc::bad_input,
                std::string("The HSM token is configured in part: keys.pkcs11-") + (module ? "token" : "module") +
                    " is missing. Give keys.pkcs11-module (the module's absolute path) and keys.pkcs11-token "
                    "(the token's label) together, or neither.");
  workflows::pkcs11_config where{*module, *token};
  if (key) where.key_label = *key;
  return where;
}

}  // namespace

wizards::environment environment_from(sdk::host_services& services, const km::clock& clock) {
  wizards::environment env;
  auto* data = services.get<sdk::data_directory>();
  env.site.data_dir = data ? data->path() : std::filesystem::path("var/kmsdata");
  auto* config = services.get<sdk::configuration>();
  if (config != nullptr) {
    if (auto type = config->get("identity.key-type")) env.site.identity.type = workflows::parse_key_type(*type);
    if (auto name = config->get("identity.name")) env.site.identity.common_name = *name;
    env.site.keep_legacy_master_key = config->get("keys.keep-legacy-master-key").value_or("") == "true";
    env.site.pkcs11 = pkcs11_from(*config);
  }
  // Argon2 cost can be lowered for test suites that log in hundreds of times; never below RFC 9106's floor.
  env.site.argon2.memory_kib = std::max<std::uint32_t>(config_number(config, "auth.argon2-memory-kib", env.site.argon2.memory_kib), 8 * 1024);
  env.site.argon2.iterations = std::max<std::uint32_t>(config_number(config, "auth.argon2-iterations", env.site.argon2.iterations), 1);
  env.site.clock = &clock;
  env.progress = services.get<sdk::progress>();
  env.log = services.get<sdk::log>();
  return env;
}

}  // namespace arbor::km
