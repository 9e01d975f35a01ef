#define BOOST_TEST_MODULE describe_computed_options
#include <boost/test/unit_test.hpp>

#include "host/cli/json_output.hpp"
#include "host/cli/presenter.hpp"

#include <boost/json.hpp>

#include <sstream>

// `arbor describe` prints the declared spec; a choice whose options the plugin fills in when it
// prepares the page must say so instead of looking like a choice with nothing to choose.

namespace sdk = arbor::sdk;
using namespace arbor::host::cli;

namespace {

const arbor::host::tree_node node{
    .name = "Key Manager", .path = "Advanced Security/Key Manager", .type = "km", .plugin_id = "org.example.km",
    .children = {}};
const arbor::host::menu_entry action{
    .action_id = "recover", .label = "Recover", .slot = "All Tasks", .plugin_id = "org.example.km"};

sdk::wizard_spec spec() {
  return {"Recover Keys",
          {sdk::page{.id = "user",
                     .title = "User",
                     .fields = {{.id = "user", .label = "User", .kind = sdk::field_kind::choice},
                                {.id = "format", .label = "Format", .kind = sdk::field_kind::choice, .options = {"PEM", "DER"}},
                                {.id = "note", .label = "Note"}}}}};
}

std::string described() {
  std::ostringstream out, err;
  make_text_presenter(out, err, false)->wizard(node, action, spec());
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(describe_says_a_choice_without_declared_options_is_computed_when_prepared) {
  const std::string text = described();
  const std::string user_line =
      "user.user  User  (choice, required)\n      options: computed when the page is prepared";
  BOOST_TEST(text.find(user_line) != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(describe_lists_declared_options_and_marks_no_other_field_computed) {
  const std::string text = described();
  BOOST_TEST(text.find("options: PEM DER") != std::string::npos, text);
  BOOST_TEST(text.find("computed") == text.rfind("computed"), text);  // the user field only
}

BOOST_AUTO_TEST_CASE(describe_json_flags_computed_options_per_field) {
  const boost::json::value v = wizard_json(node, action, spec());
  const auto& fields = v.at("pages").at(0).at("fields");
  BOOST_TEST(fields.at(0).at("options_computed").as_bool());
  BOOST_TEST(!fields.at(1).at("options_computed").as_bool());
  BOOST_TEST(!fields.at(2).at("options_computed").as_bool());
}
