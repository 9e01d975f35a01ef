#define BOOST_TEST_MODULE service_table
#include <boost/test/unit_test.hpp>

#include "host/plugins/service_table.hpp"

#include <arbor/sdk/plugin_services.hpp>

#include <cstdlib>

namespace sdk = arbor::sdk;
using arbor::host::service_table;

namespace {

class quiet_log final : public sdk::log {
 public:
  void write(sdk::log_level, std::string_view) override {}
};

/// Sets an environment variable for one test and removes it afterwards.
class scoped_env {
 public:
  scoped_env(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~scoped_env() { ::unsetenv(name_); }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
};

/// A service one plugin publishes for others, at version 2.
class answer_service final : public sdk::service {
 public:
  static constexpr std::string_view id = "org.example.answer";
  static constexpr std::uint32_t version = 2;
};

}  // namespace

BOOST_AUTO_TEST_CASE(published_service_is_found_by_provider_id_and_version) {
  service_table table;
  answer_service answer;
  auto* provider = table.for_plugin("org.example.base").get<sdk::plugin_services>();
  BOOST_TEST_REQUIRE(provider != nullptr);
  BOOST_TEST_REQUIRE(provider->publish(answer).ok());
  auto* consumer = table.for_plugin("org.example.extension").get<sdk::plugin_services>();
  BOOST_TEST(consumer->get<answer_service>("org.example.base") == &answer);
  BOOST_TEST(consumer->find("org.example.base", answer_service::id, 1) == &answer);
  BOOST_TEST(consumer->find("org.example.base", answer_service::id, 3) == nullptr);
  BOOST_TEST(consumer->get<answer_service>("org.example.extension") == nullptr);
}

BOOST_AUTO_TEST_CASE(publishing_the_same_service_twice_is_a_conflict) {
  service_table table;
  answer_service first;
  answer_service second;
  auto* provider = table.for_plugin("org.example.base").get<sdk::plugin_services>();
  BOOST_TEST_REQUIRE(provider->publish(first).ok());
  auto again = provider->publish(second);
  BOOST_TEST_REQUIRE(!again.ok());
  BOOST_TEST((again.error().why == sdk::reason::conflict));
  BOOST_TEST(provider->get<answer_service>("org.example.base") == &first);
}

BOOST_AUTO_TEST_CASE(withdrawn_services_are_no_longer_found) {
  service_table table;
  answer_service answer;
  BOOST_TEST_REQUIRE(table.for_plugin("org.example.base").get<sdk::plugin_services>()->publish(answer).ok());
  table.withdraw("org.example.base");
  BOOST_TEST(table.for_plugin("org.example.extension").get<sdk::plugin_services>()->get<answer_service>("org.example.base") ==
             nullptr);
}

BOOST_AUTO_TEST_CASE(installed_service_is_found_at_its_version_or_an_older_one) {
  quiet_log log;
  service_table table;
  table.set_log(&log);
  sdk::host_services& services = table.for_plugin("org.arbor.example");
  BOOST_TEST(services.find("arbor.log", 1) == &log);
  BOOST_TEST(services.find("arbor.log", 0) == &log);
  BOOST_TEST(services.get<sdk::log>() == &log);
  BOOST_TEST(services.find("arbor.log", 2) == nullptr);
}

BOOST_AUTO_TEST_CASE(service_that_is_not_installed_or_unknown_is_null) {
  service_table table;
  sdk::host_services& services = table.for_plugin("org.arbor.example");
  BOOST_TEST(services.get<sdk::progress>() == nullptr);
  BOOST_TEST(services.get<sdk::secret_prompt>() == nullptr);
  BOOST_TEST(services.find("arbor.telepathy", 1) == nullptr);
}

BOOST_AUTO_TEST_CASE(same_plugin_gets_the_same_view_and_others_their_own) {
  service_table table;
  BOOST_TEST(&table.for_plugin("org.arbor.a") == &table.for_plugin("org.arbor.a"));
  BOOST_TEST(&table.for_plugin("org.arbor.a") != &table.for_plugin("org.arbor.b"));
}

BOOST_AUTO_TEST_CASE(data_directory_defaults_to_var_and_the_last_id_segment) {
  service_table table;
  auto* dir = table.for_plugin("org.arbor.keymanager").get<sdk::data_directory>();
  BOOST_TEST_REQUIRE(dir != nullptr);
  BOOST_TEST(dir->path() == "./var/keymanager");
}

BOOST_AUTO_TEST_CASE(data_dir_option_is_used_when_given) {
  service_table table;
  auto* dir = table.for_plugin("org.arbor.keymanager").get<sdk::data_directory>();
  table.set_data_dir("/srv/kmsdata");
  BOOST_TEST(dir->path() == "/srv/kmsdata");
}

BOOST_AUTO_TEST_CASE(configuration_reads_the_environment_with_the_key_normalised) {
  scoped_env env("ARBOR_CONFIG_CA_TIMEOUT_MS", "1500");
  service_table table;
  auto* config = table.for_plugin("org.arbor.keymanager").get<sdk::configuration>();
  BOOST_TEST_REQUIRE(config != nullptr);
  BOOST_TEST(config->get("ca.timeout-ms").value_or("") == "1500");
  BOOST_TEST(!config->get("ca.address").has_value());
}

BOOST_AUTO_TEST_CASE(config_option_overrides_the_environment) {
  scoped_env env("ARBOR_CONFIG_CA_ADDRESS", "http://from-env");
  service_table table;
  table.set_config("ca.address", "http://from-option");
  auto* config = table.for_plugin("org.arbor.keymanager").get<sdk::configuration>();
  BOOST_TEST(config->get("ca.address").value_or("") == "http://from-option");
}
