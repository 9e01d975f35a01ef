#include "host_environment.hpp"

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
