#define BOOST_TEST_MODULE service_table
#include <boost/test/unit_test.hpp>

#include "plugins/service_table.hpp"

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

}  // namespace

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
