#define BOOST_TEST_MODULE web_wizard_json
#include <boost/test/unit_test.hpp>

#include "host/web/wizard_json.hpp"

#include <boost/json.hpp>

#include <string>

using namespace arbor::host;
using namespace arbor::host::web;
namespace sdk = arbor::sdk;
namespace json = boost::json;
using sdk::field_kind;

namespace {

constexpr const char* password = "Tr0ub4dor&3-never-shown";

sdk::page every_kind() {
  return sdk::page{
      .id = "dest",
      .title = "Destination",
      .description = "Where the users go.",
      .info = {"3 users selected"},
      .fields = {sdk::field{.id = "thumb", .label = "Thumbprint", .help = "Read it over the phone."},
                 sdk::field{.id = "file", .label = "File", .kind = field_kind::path, .default_value = "/tmp/out.bin"},
                 sdk::field{.id = "color", .label = "Color", .kind = field_kind::choice, .options = {"red", "green"},
                            .default_value = "green"},
                 sdk::field{.id = "users", .label = "Users", .kind = field_kind::multi_select,
                            .options = {"a", "b", "c"}, .default_value = "a,c"},
                 sdk::field{.id = "ok", .label = "Go ahead", .kind = field_kind::confirmation, .default_value = "yes"},
                 sdk::field{.id = "password", .label = "Password", .kind = field_kind::secret}}};
}

const json::object& field_of(const json::object& page, std::string_view id) {
  for (const json::value& f : page.at("fields").as_array())
    if (f.as_object().at("id").as_string() == id) return f.as_object();
  BOOST_FAIL("no field " << id);
  throw;  // unreachable
}

sdk::answers typed_with_password() {
  sdk::answers so_far;
  so_far.set("dest", "thumb", sdk::answer{field_kind::text, "AB12CD34", {}, false, {}});
  so_far.set("dest", "users", sdk::answer{field_kind::multi_select, {}, {"b"}, false, {}});
  so_far.set("dest", "ok", sdk::answer{field_kind::confirmation, {}, {}, false, {}});
  so_far.set("dest", "password", sdk::answer{field_kind::secret, {}, {}, false, sdk::secret_text(password)});
  return so_far;
}

}  // namespace

BOOST_AUTO_TEST_CASE(page_shows_what_was_typed_or_else_the_defaults) {
  const json::object page = page_json(every_kind(), typed_with_password(), nullptr, false);
  BOOST_TEST(page.at("id").as_string() == "dest");
  BOOST_TEST(page.at("info").as_array().at(0).as_string() == "3 users selected");
  BOOST_TEST(page.at("problem").is_null());
  BOOST_TEST(page.at("finishes").as_bool() == false);
  BOOST_TEST(field_of(page, "thumb").at("value").as_string() == "AB12CD34");
  BOOST_TEST(field_of(page, "thumb").at("help").as_string() == "Read it over the phone.");
  BOOST_TEST(field_of(page, "file").at("value").as_string() == "/tmp/out.bin");
  BOOST_TEST(field_of(page, "color").at("value").as_string() == "green");
  BOOST_TEST(field_of(page, "color").at("options").as_array().size() == 2u);
  BOOST_TEST(json::serialize(field_of(page, "users").at("values")) == R"(["b"])");
  BOOST_TEST(field_of(page, "ok").at("value").as_string() == "no");
  BOOST_TEST(field_of(page, "ok").at("kind").as_string() == "confirmation");
}

BOOST_AUTO_TEST_CASE(page_shows_a_multi_select_default_as_its_checked_options) {
  const json::object page = page_json(every_kind(), {}, nullptr, true);
  BOOST_TEST(json::serialize(field_of(page, "users").at("values")) == R"(["a","c"])");
  BOOST_TEST(field_of(page, "ok").at("value").as_string() == "yes");
  BOOST_TEST(page.at("finishes").as_bool());
}

BOOST_AUTO_TEST_CASE(page_never_holds_a_secret_given_on_it) {
  const json::object page = page_json(every_kind(), typed_with_password(), nullptr, false);
  BOOST_TEST(json::serialize(page).find(password) == std::string::npos);
  const json::object& secret = field_of(page, "password");
  BOOST_TEST(secret.at("kind").as_string() == "secret");
  BOOST_TEST(!secret.contains("value"));
}

BOOST_AUTO_TEST_CASE(page_carries_the_problem_of_its_last_answer) {
  const sdk::error problem = sdk::fail(sdk::reason::invalid_input, "The thumbprint does not match.");
  const json::object page = page_json(every_kind(), {}, &problem, false);
  BOOST_TEST(page.at("problem").at("message").as_string() == "The thumbprint does not match.");
}

BOOST_AUTO_TEST_CASE(summary_keeps_its_items_in_order_and_its_table) {
  sdk::summary done{"Exported", {{"users", "Users exported", "2", {"alice", "bob"}}, {"file", "File", "/x", {}}}, {}};
  done.results = sdk::table{"Users", {{"user", "User"}, {"keys", "Keys"}}, {{"alice", "3"}, {"bob", "1"}}, 2};
  const json::object out = summary_json(done);
  BOOST_TEST(out.at("title").as_string() == "Exported");
  BOOST_TEST(out.at("items").as_array().at(0).at("key").as_string() == "users");
  BOOST_TEST(json::serialize(out.at("items").as_array().at(0).at("details")) == R"(["alice","bob"])");
  BOOST_TEST(out.at("items").as_array().at(1).at("label").as_string() == "File");
  BOOST_TEST(json::serialize(out.at("table").at("rows")) == R"([["alice","3"],["bob","1"]])");
  BOOST_TEST(out.at("table").at("columns").as_array().at(1).at("label").as_string() == "Keys");
}

BOOST_AUTO_TEST_CASE(outcome_names_how_the_wizard_ended_and_where) {
  wizard_outcome refused;
  refused.end = wizard_end::refused;
  refused.error = sdk::fail(sdk::reason::invalid_input, "No.");
  refused.page_id = "dest";
  refused.field_id = "thumb";
  const json::object out = outcome_json(refused);
  BOOST_TEST(out.at("end").as_string() == "refused");
  BOOST_TEST(out.at("summary").is_null());
  BOOST_TEST(out.at("error").at("message").as_string() == "No.");
  BOOST_TEST(out.at("error").at("page").as_string() == "dest");
  BOOST_TEST(out.at("error").at("field").as_string() == "thumb");

  wizard_outcome completed;
  completed.end = wizard_end::completed;
  completed.summary = sdk::summary{"Done", {}, {}};
  BOOST_TEST(outcome_json(completed).at("error").is_null());
  BOOST_TEST(outcome_json(completed).at("end").as_string() == "completed");
  completed.end = wizard_end::plugin_failed;
  BOOST_TEST(outcome_json(completed).at("end").as_string() == "plugin_failed");
}

// What to do goes to the browser; what broke inside (an exception's text, a path) stays in the log.
BOOST_AUTO_TEST_CASE(an_outcome_shows_technical_detail_only_for_refusals_not_for_what_broke) {
  wizard_outcome refused;
  refused.end = wizard_end::refused;
  refused.error = sdk::fail(sdk::reason::invalid_input, "No.", "type the first eight characters");
  BOOST_TEST(outcome_json(refused).at("error").at("detail").as_string() == "type the first eight characters");

  wizard_outcome broke;
  broke.end = wizard_end::plugin_failed;
  broke.error = sdk::fail(sdk::reason::incompatible, "The plugin failed.", "std::bad_alloc in /opt/plugin/x.so");
  BOOST_TEST(outcome_json(broke).at("error").at("detail").is_null());

  wizard_outcome internal;
  internal.end = wizard_end::task_failed;
  internal.error = sdk::fail(sdk::reason::internal, "It failed.", "sqlite: disk I/O error at /var/kms/kms.db");
  BOOST_TEST(outcome_json(internal).at("error").at("detail").is_null());
}

BOOST_AUTO_TEST_CASE(reply_reads_each_kind_and_keeps_secrets_apart) {
  const json::object request = json::parse(R"({"step":"next","answers":{"thumb":"AB12","users":["a","b"],
      "ok":true,"password":"Tr0ub4dor&3-never-shown","file":null}})").as_object();
  auto reply = reply_from_json(every_kind(), request);
  BOOST_TEST_REQUIRE(reply.ok(), (reply.ok() ? "" : reply.error().message));
  BOOST_TEST((reply.value().step == page_step::next));
  BOOST_TEST(std::get<std::string>(reply.value().values.at("thumb")) == "AB12");
  BOOST_TEST((std::get<std::vector<std::string>>(reply.value().values.at("users")) == std::vector<std::string>{"a", "b"}));
  BOOST_TEST(std::get<bool>(reply.value().values.at("ok")));
  BOOST_TEST(!reply.value().values.contains("file"));  // null: not given
  BOOST_TEST(!reply.value().values.contains("password"));
  BOOST_TEST(reply.value().secrets.at("password").view() == password);
}

BOOST_AUTO_TEST_CASE(reply_reads_back_and_cancel_without_answers) {
  BOOST_TEST((reply_from_json(every_kind(), json::object{{"step", "back"}}).value().step == page_step::back));
  BOOST_TEST((reply_from_json(every_kind(), json::object{{"step", "cancel"}}).value().step == page_step::cancel));
}

BOOST_AUTO_TEST_CASE(reply_refuses_what_does_not_fit_the_page) {
  const auto refused = [](const char* text) {
    auto reply = reply_from_json(every_kind(), json::parse(text).as_object());
    BOOST_TEST_REQUIRE(!reply.ok(), text << " was taken");
    BOOST_TEST((reply.error().why == sdk::reason::invalid_input));
    return reply.error().message;
  };
  BOOST_TEST(refused(R"({"answers":{}})").find("\"step\"") != std::string::npos);
  BOOST_TEST(refused(R"({"step":"finish"})").find("\"next\"") != std::string::npos);
  BOOST_TEST(refused(R"({"step":"next","answers":{"nope":"x"}})").find("no field \"nope\"") != std::string::npos);
  BOOST_TEST(refused(R"({"step":"next","answers":{"thumb":12}})").find("Thumbprint") != std::string::npos);
  BOOST_TEST(refused(R"({"step":"next","answers":{"users":["a",1]}})").find("Users") != std::string::npos);
  BOOST_TEST(refused(R"({"step":"next","answers":{"password":["x"]}})").find("Password") != std::string::npos);
  BOOST_TEST(refused(R"({"step":"next","answers":["thumb"]})").find("\"answers\"") != std::string::npos);
}
