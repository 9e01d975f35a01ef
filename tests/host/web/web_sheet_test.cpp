#define BOOST_TEST_MODULE web_sheet
// Properties tabs of SDK 1.2 plugins as property sheets on the board.
#include <boost/test/unit_test.hpp>

#include "task_board_fixture.hpp"

BOOST_FIXTURE_TEST_SUITE(property_sheets, web_console)

BOOST_AUTO_TEST_CASE(a_properties_tab_opens_as_a_sheet_after_its_login_and_apply_shows_the_new_values) {
  std::string id;
  json::object now = certificate_services(id);
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("page").is_null());
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "2000");  // what the plugin holds
  BOOST_TEST(now.at("sheet").at("values").is_null());
  BOOST_TEST(!now.at("sheet").at("applied").as_bool());

  // A refusal comes back on the sheet, which keeps what was typed.
  now = sheet_step(id, "apply", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "0"}});
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("problem").at("message").as_string().find("refused its answers") != std::string::npos);
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "0");
  BOOST_TEST(sheet_value(now, "ca", "url") == "http://127.0.0.1:9");

  // Apply runs the wizard and prepares the pages again on the same wizard: the stored values.
  now = sheet_step(id, "apply", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "2500"}});
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("problem").is_null());
  BOOST_TEST(now.at("sheet").at("applied").as_bool());
  BOOST_TEST(reported(now, "connect_timeout_ms") == "2500");
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "2500");

  // OK is Apply and close; a second Apply checks the login again (it still holds).
  now = sheet_step(id, "ok", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "2600"}});
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "completed", json::serialize(ended));
  BOOST_TEST(ended.at("summary").at("items").at(1).at("value").as_string() == "2600");

  std::string again;
  BOOST_TEST(sheet_value(certificate_services(again), "ca", "connect_timeout_ms") == "2600");
}

BOOST_AUTO_TEST_CASE(an_apply_after_the_first_checks_the_login_again) {
  const char* ca = "http://127.0.0.1:9";
  std::string tab;
  certificate_services(tab);
  json::object now = sheet_step(tab, "apply", {{"url", ca}, {"connect_timeout_ms", "2100"}});
  BOOST_TEST_REQUIRE(reported(now, "connect_timeout_ms") == "2100", json::serialize(now));

  // Meanwhile the Administrators tab (its operation asked before the login) changes admin's
  // password on a sheet of its own; the new password never shows in a state.
  const std::string admins = start(alice, "Advanced Security/Key Manager", "administrators");
  BOOST_TEST_REQUIRE(page_id(state(admins)) == "operation");
  BOOST_TEST_REQUIRE(page_id(next(admins, {{"action", "change-password"}})) == "login");
  const json::object sheet = settled(admins, next(admins, {{"administrator", "admin"}, {"password", "password"}}));
  BOOST_TEST_REQUIRE(sheet.at("state").as_string() == "sheet", json::serialize(sheet));
  answer(admins, {{"step", "ok"},
                  {"answers", {{"administrator", {{"name", "admin"}, {"new_password", password}, {"confirm_password", password}}}}}});
  BOOST_TEST_REQUIRE(outcome(admins).at("end").as_string() == "completed");

  now = sheet_step(tab, "apply", {{"url", ca}, {"connect_timeout_ms", "2200"}});
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("problem").at("message").as_string().find("name or password is wrong") != std::string::npos,
             json::serialize(now));
  BOOST_TEST(reported(now, "connect_timeout_ms") == "2100");  // nothing changed
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "2200");  // kept as typed
}

BOOST_AUTO_TEST_CASE(cancel_on_a_sheet_changes_nothing_and_a_page_answer_is_refused) {
  std::string id;
  json::object now = certificate_services(id);
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  // A sheet is answered with apply, ok or cancel and its pages' answers, nothing else.
  BOOST_TEST((board->answer(alice, id, {{"step", "next"}}).error().why == sdk::reason::invalid_input));
  BOOST_TEST((board->answer(alice, id, {{"step", "apply"}, {"answers", {{"login", json::object{}}}}}).error().why ==
              sdk::reason::invalid_input));
  BOOST_TEST((board->answer(alice, id, {{"step", "apply"}, {"answers", {{"ca", {{"port", "1"}}}}}}).error().why ==
              sdk::reason::invalid_input));
  sheet_step(id, "cancel", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "9999"}});
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "cancelled");
  std::string again;
  BOOST_TEST(sheet_value(certificate_services(again), "ca", "connect_timeout_ms") == "2000");
}

BOOST_AUTO_TEST_CASE(a_sheet_without_fields_is_run_once_as_it_opens_to_show_its_values) {
  const std::string id = start(alice, "Advanced Security/Key Manager", "general");
  BOOST_TEST_REQUIRE(page_id(state(id)) == "login");
  const json::object now = settled(id, next(id, {{"administrator", "admin"}, {"password", "password"}}));
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("pages").as_array().empty());
  BOOST_TEST(reported(now, "users") == "0");
  BOOST_TEST(!now.at("sheet").at("applied").as_bool());
  answer(id, {{"step", "ok"}});
  BOOST_TEST(outcome(id).at("end").as_string() == "cancelled");  // closed; nothing was changed
}

BOOST_AUTO_TEST_CASE(a_properties_tab_of_a_plugin_for_sdk_1_0_stays_a_wizard) {
  const std::string id = start(alice, "Test Tools/Complete", "general");
  const json::object now = state(id);
  BOOST_TEST(now.at("state").as_string() == "page");
  BOOST_TEST(page_id(now) == "general");
  BOOST_TEST(now.at("sheet").is_null());
}

BOOST_AUTO_TEST_SUITE_END()
