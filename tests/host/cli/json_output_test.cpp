#define BOOST_TEST_MODULE json_output
#include <boost/test/unit_test.hpp>

#include "host/cli/json_output.hpp"

#include <boost/json.hpp>

namespace sdk = arbor::sdk;
using namespace arbor::host::cli;

BOOST_AUTO_TEST_CASE(a_summary_keys_items_and_carries_its_table) {
  sdk::summary s{"Done", {{"moved", "Users moved", "2", {"ada", "bob"}}}, sdk::table{"T", {{"c", "C"}}, {{"v"}}, 1}};
  const boost::json::value v = summary_json(s);
  BOOST_TEST(v.at("title").as_string() == "Done");
  BOOST_TEST(v.at("items").at("moved").at("label").as_string() == "Users moved");
  BOOST_TEST(v.at("items").at("moved").at("value").as_string() == "2");
  BOOST_TEST(v.at("items").at("moved").at("details").at(1).as_string() == "bob");
  BOOST_TEST(v.at("table").at("rows").at(0).at("c").as_string() == "v");
}

BOOST_AUTO_TEST_CASE(a_summary_without_a_table_has_null) {
  const boost::json::value v = summary_json(sdk::summary{"Done", {}, std::nullopt});
  BOOST_TEST(v.at("table").is_null());
}

BOOST_AUTO_TEST_CASE(example_answers_leave_out_secrets_and_use_defaults) {
  sdk::wizard_spec spec{"W",
                        {{"p", "P", "", {},
                          {{"pw", "Password", sdk::field_kind::secret, true, {}, {}, {}},
                           {"c", "Choice", sdk::field_kind::choice, true, {"x", "y"}, {}, {}},
                           {"ok", "Sure", sdk::field_kind::confirmation, false, {}, "yes", {}},
                           {"m", "Many", sdk::field_kind::multi_select, false, {"a"}, {}, {}}},
                          false}}};
  const boost::json::object example = example_answers(spec);
  const auto& page = example.at("p").as_object();
  BOOST_TEST(!page.contains("pw"));
  BOOST_TEST(page.at("c").as_string() == "x");
  BOOST_TEST(page.at("ok").as_bool());
  BOOST_TEST(page.at("m").as_array().empty());
}

BOOST_AUTO_TEST_CASE(an_error_names_its_reason_page_and_field) {
  const boost::json::value v = error_json(sdk::fail(sdk::reason::invalid_input, "bad"), "identity", "name");
  BOOST_TEST(v.at("error").at("reason").as_string() == "invalid-input");
  BOOST_TEST(v.at("error").at("page").as_string() == "identity");
  BOOST_TEST(v.at("error").at("field").as_string() == "name");
  BOOST_TEST(v.at("error").at("technical").is_null());
  BOOST_TEST(error_json(sdk::fail(sdk::reason::invalid_input, "bad"), "identity", {}).at("error").at("field").is_null());
}
