#define BOOST_TEST_MODULE web_task_board
// Tasks on the board: pages, progress, cancel, sessions, limits and the plugin gate.
#include <boost/test/unit_test.hpp>

#include "task_board_fixture.hpp"

BOOST_FIXTURE_TEST_SUITE(task_board_tests, web_console)

BOOST_AUTO_TEST_CASE(a_started_task_shows_its_first_page) {
  const std::string id = exercise();
  BOOST_TEST(id.size() == 32u);
  const json::object first = state(id);
  BOOST_TEST(first.at("state").as_string() == "page");
  BOOST_TEST(first.at("title").as_string() == "Exercise Every Field");
  BOOST_TEST(first.at("node").as_string() == "Test Tools/Complete");
  BOOST_TEST(first.at("action").as_string() == "exercise");
  BOOST_TEST(page_id(first) == "identity");
  BOOST_TEST(first.at("page").at("index").to_number<int>() == 0);
  BOOST_TEST(first.at("page").at("count").to_number<int>() == 4);
  BOOST_TEST(first.at("page").at("back").as_bool() == false);
  BOOST_TEST(first.at("progress").is_null());
  BOOST_TEST(first.at("outcome").is_null());
}

BOOST_AUTO_TEST_CASE(pages_go_back_and_forth_and_a_refused_page_comes_back_with_its_problem) {
  const std::string id = exercise();
  const std::uint64_t first_version = state(id).at("version").as_uint64();

  json::object now = identity(id, "nobody");
  BOOST_TEST(page_id(now) == "identity");
  BOOST_TEST(now.at("version").as_uint64() > first_version);
  BOOST_TEST(std::string(now.at("page").at("problem").at("message").as_string()).find("reserved") != std::string::npos);
  BOOST_TEST(field_value(now, "name") == "nobody");  // what was typed stays
  BOOST_TEST(field_value(now, "password") == "(none)");

  now = identity(id, "Ada");
  BOOST_TEST(page_id(now) == "options");
  BOOST_TEST(now.at("page").at("problem").is_null());
  BOOST_TEST(now.at("page").at("back").as_bool());
  BOOST_TEST(field_value(now, "color") == "green");

  now = answer(id, {{"step", "back"}});
  BOOST_TEST(page_id(now) == "identity");
  BOOST_TEST(field_value(now, "name") == "Ada");
  BOOST_TEST(now.at("page").at("back").as_bool() == false);

  // Next without the password again: the runner refuses the page, naming the field.
  now = next(id, {{"name", "Ada"}, {"output", (dir / "report.txt").string()}});
  BOOST_TEST(page_id(now) == "identity");
  BOOST_TEST(std::string(now.at("page").at("problem").at("message").as_string()).find("Password") != std::string::npos);

  now = identity(id, "Ada");
  now = next(id, {{"color", "blue"}, {"advanced", false}});
  BOOST_TEST(page_id(now) == "confirm");  // "advanced" does not apply
  BOOST_TEST(now.at("page").at("finishes").as_bool());
  BOOST_TEST(now.at("page").at("index").to_number<int>() == 3);
  now = next(id, {{"proceed", true}});
  BOOST_TEST(now.at("state").as_string() != "page");

  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "completed");
  BOOST_TEST(ended.at("summary").at("title").as_string() == "Exercise complete");
  BOOST_TEST(ended.at("summary").at("table").at("title").as_string() == "Answers");
  BOOST_TEST(std::filesystem::exists(dir / "report.txt"));
}

BOOST_AUTO_TEST_CASE(a_running_task_shows_its_progress_and_every_change_is_a_new_version) {
  const std::string id = exercise();
  identity(id, "Ada");
  next(id, {});
  log.pause_at("Exercise started");
  json::object now = next(id, {{"proceed", true}});
  BOOST_TEST(now.at("state").as_string() == "running");
  BOOST_TEST(now.at("page").is_null());
  BOOST_TEST_REQUIRE(log.wait_paused());

  now = state(id);
  BOOST_TEST(now.at("state").as_string() == "running");
  BOOST_TEST(now.at("progress").at("label").as_string() == "Exercising every field");
  BOOST_TEST(now.at("progress").at("total").to_number<std::uint64_t>() == 3u);
  BOOST_TEST(now.at("progress").at("done").to_number<std::uint64_t>() == 0u);
  // Nothing changes while the task is held: wait_change gives up after its timeout.
  const std::uint64_t held = now.at("version").as_uint64();
  BOOST_TEST(seen(board->wait_change(alice, id, held, 50ms)).at("version").as_uint64() == held);

  log.pause_at("Report written");
  log.resume();
  BOOST_TEST_REQUIRE(log.wait_paused());
  now = seen(board->wait_change(alice, id, held, 5s));
  BOOST_TEST(now.at("version").as_uint64() > held);
  BOOST_TEST(now.at("progress").at("done").to_number<std::uint64_t>() == 2u);
  BOOST_TEST(now.at("progress").at("note").as_string() == "wrote the report");

  log.resume();
  BOOST_TEST(outcome(id).at("end").as_string() == "completed");
  BOOST_TEST(state(id).at("progress").is_null());
}

BOOST_AUTO_TEST_CASE(cancel_on_a_page_ends_the_wizard_cancelled) {
  const std::string id = exercise();
  identity(id, "Ada");
  BOOST_TEST(board->cancel(alice, id).ok());
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "cancelled");
  BOOST_TEST(ended.at("error").at("page").as_string() == "options");
  BOOST_TEST(!std::filesystem::exists(dir / "report.txt"));
}

BOOST_AUTO_TEST_CASE(the_cancel_step_of_a_page_ends_the_wizard_cancelled) {
  const std::string id = exercise();
  const json::object now = answer(id, {{"step", "cancel"}});
  BOOST_TEST(now.at("state").as_string() == "done");
  BOOST_TEST(now.at("outcome").at("end").as_string() == "cancelled");
  BOOST_TEST(now.at("outcome").at("error").at("page").as_string() == "identity");
}

BOOST_AUTO_TEST_CASE(cancel_while_running_is_seen_by_the_plugin) {
  const std::string id = exercise();
  identity(id, "Ada");
  next(id, {});
  log.pause_at("Exercise started");
  next(id, {{"proceed", true}});
  BOOST_TEST_REQUIRE(log.wait_paused());
  BOOST_TEST(board->cancel(alice, id).ok());
  log.resume();
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "cancelled");
  BOOST_TEST(ended.at("error").at("message").as_string() == "Cancelled before writing.");
  BOOST_TEST(!std::filesystem::exists(dir / "report.txt"));
}

BOOST_AUTO_TEST_CASE(another_sessions_task_is_refused_and_left_alone) {
  const std::string id = exercise();
  BOOST_TEST((board->state(bob, id).error().why == sdk::reason::not_found));
  BOOST_TEST((board->answer(bob, id, {{"step", "cancel"}}).error().why == sdk::reason::not_found));
  BOOST_TEST((board->cancel(bob, id).error().why == sdk::reason::not_found));
  BOOST_TEST((board->wait_change(bob, id, 0, 10ms).error().why == sdk::reason::not_found));
  BOOST_TEST((board->state(alice, "0123456789abcdef0123456789abcdef").error().why == sdk::reason::not_found));
  const json::object now = state(id);
  BOOST_TEST(now.at("state").as_string() == "page");
  BOOST_TEST(page_id(now) == "identity");
}

BOOST_AUTO_TEST_CASE(answers_that_do_not_fit_the_page_are_refused_and_the_page_stays) {
  const std::string id = exercise();
  auto wrong = board->answer(alice, id, {{"step", "next"}, {"answers", {{"level", "3"}}}});
  BOOST_TEST_REQUIRE(!wrong.ok());
  BOOST_TEST(wrong.error().message.find("no field \"level\"") != std::string::npos);
  BOOST_TEST(page_id(state(id)) == "identity");
  BOOST_TEST(board->cancel(alice, id).ok());
  outcome(id);
  auto late = board->answer(alice, id, {{"step", "next"}});
  BOOST_TEST_REQUIRE(!late.ok());
  BOOST_TEST((late.error().why == sdk::reason::conflict));
}

BOOST_AUTO_TEST_CASE(unknown_nodes_and_actions_are_refused) {
  BOOST_TEST((board->start(alice, "Test Tools/Nowhere", "exercise", {}).error().why == sdk::reason::not_found));
  BOOST_TEST((board->start(alice, "Test Tools", "exercise", {}).error().why == sdk::reason::not_found));
  BOOST_TEST(!board->start(alice, "Test Tools/Complete", "no-such-action", {}).ok());
}

BOOST_AUTO_TEST_CASE(a_plugin_that_throws_ends_only_its_task_as_plugin_failed) {
  const std::string failing = start(alice, "Fixtures/Throws In Calls", "greet");
  const std::string healthy = start(alice, "Fixtures/Tiny", "greet");
  next(failing, {{"name", "Ada"}});
  const json::object ended = outcome(failing);
  BOOST_TEST(ended.at("end").as_string() == "plugin_failed");
  BOOST_TEST(std::string(ended.at("error").at("message").as_string()).find("org.arbor.fixture.throws-in-calls") !=
             std::string::npos);
  BOOST_TEST(ended.at("error").at("detail").is_null());  // what broke inside stays in the log

  next(healthy, {{"name", "Ada"}});
  const json::object greeted = outcome(healthy);
  BOOST_TEST(greeted.at("end").as_string() == "completed");
  BOOST_TEST(greeted.at("summary").at("items").at(0).at("value").as_string() == "Hello, Ada");
}

BOOST_AUTO_TEST_CASE(selected_rows_open_the_task_with_them_chosen) {
  const std::string id = start(alice, "Fixtures/rows", "greet", {"Fixtures/rows"});
  BOOST_TEST(field_value(state(id), "name") == "Fixtures/rows");
  auto refused = board->start(alice, "Test Tools/Complete", "exercise", {"a row"});
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().message.find("selected rows") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dropping_a_session_forgets_its_tasks_only) {
  const std::string mine = exercise(alice);
  const std::string theirs = exercise(bob);
  board->drop_session(alice);
  BOOST_TEST((board->state(alice, mine).error().why == sdk::reason::not_found));
  BOOST_TEST(page_id(state(theirs, bob)) == "identity");
}

BOOST_AUTO_TEST_CASE(pages_and_run_go_on_outside_the_plugin_gate) {
  const std::string id = exercise();
  {
    // Held as a details read holds it: the task's pages are checked and prepared meanwhile.
    auto held = gate.enter();
    const json::object answers{{"name", "Ada"}, {"output", (dir / "report.txt").string()}, {"password", password}};
    auto answered = std::async(std::launch::async, [&] {
      return board->answer(alice, id, {{"step", "next"}, {"answers", answers}});
    });
    BOOST_TEST((answered.wait_for(5s) == std::future_status::ready));
    held.unlock();
    BOOST_TEST(page_id(seen(answered.get())) == "options");
  }
  next(id, {});
  log.pause_at("Exercise started");
  next(id, {{"proceed", true}});
  BOOST_TEST_REQUIRE(log.wait_paused());
  // The task is held inside run(): the gate is free for the rest of the console meanwhile.
  auto entered = std::async(std::launch::async, [&] { const auto held = gate.enter(); });
  BOOST_TEST((entered.wait_for(5s) == std::future_status::ready));
  log.resume();
  BOOST_TEST(outcome(id).at("end").as_string() == "completed");
}

BOOST_AUTO_TEST_CASE(a_start_waiting_for_the_plugin_gate_holds_up_no_other_task) {
  const std::string id = exercise();
  auto held = gate.enter();
  auto starting = std::async(std::launch::async, [&] { return board->start(bob, "Test Tools/Complete", "exercise", {}); });
  std::this_thread::sleep_for(100ms);  // the start waits for the gate to open its wizard
  auto read = std::async(std::launch::async, [&] { return board->state(alice, id); });
  BOOST_TEST((read.wait_for(5s) == std::future_status::ready));
  held.unlock();
  BOOST_TEST(starting.get().ok());
  BOOST_TEST(page_id(seen(read.get())) == "identity");
}

// A logout (or an expiry) while a start of the same session waits for the plugin gate: the task
// it opens belongs to nobody who can answer or cancel it, and must not keep a place for good.
BOOST_AUTO_TEST_CASE(a_task_whose_session_ends_while_it_opens_is_cancelled_and_keeps_no_place) {
  web_console console(1);
  auto held = console.gate.enter();
  auto starting = std::async(std::launch::async, [&] { return console.board->start(bob, "Test Tools/Complete", "exercise", {}); });
  std::this_thread::sleep_for(100ms);  // the start waits for the gate to open its wizard
  console.board->drop_session(bob);    // bob logs out meanwhile
  held.unlock();
  const auto orphan = starting.get();
  if (orphan.ok()) BOOST_TEST(!console.board->state(bob, orphan.value()).ok());  // nobody's
  sdk::result<std::string> next = sdk::fail(sdk::reason::internal, "not tried");
  for (int i = 0; i < 50 && !next.ok(); ++i, std::this_thread::sleep_for(20ms))
    next = console.board->start(alice, "Test Tools/Complete", "exercise", {});
  BOOST_TEST(next.ok(), (next.ok() ? "" : next.error().message));
}

BOOST_AUTO_TEST_CASE(the_key_manager_saves_its_certificate_after_a_refused_login) {
  constexpr const char* wrong = "not-the-Pa55word-of-admin";
  const std::string id = start(alice, "Advanced Security/Key Manager", "save-kms-certificate");
  json::object now = state(id);
  BOOST_TEST(page_id(now) == "login");
  BOOST_TEST(field_value(now, "administrator") == "admin");

  now = next(id, {{"administrator", "admin"}, {"password", wrong}});
  BOOST_TEST(page_id(now) == "login");
  BOOST_TEST(now.at("page").at("problem").is_object());

  now = next(id, {{"administrator", "admin"}, {"password", "password"}});  // the initial password
  BOOST_TEST_REQUIRE(page_id(now) == "file");
  BOOST_TEST(now.at("page").at("finishes").as_bool());
  now = next(id, {{"path", (dir / "kms.pem").string()}});
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "completed", json::serialize(ended));
  BOOST_TEST(std::filesystem::is_regular_file(dir / "kms.pem"));
  for (const std::string& state : states_seen) BOOST_TEST(state.find(wrong) == std::string::npos);
  for (const std::string& line : log.lines()) BOOST_TEST(line.find(wrong) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(progress_from_a_thread_without_a_task_goes_nowhere) {
  progress.begin("nothing", 1);
  progress.advance(1, "nothing");
  BOOST_TEST(!progress.cancelled());
  progress.end();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(no_more_tasks_than_the_limit_are_open_at_once) {
  web_console console(2);
  const std::string first = console.exercise(alice);
  console.exercise(bob);
  auto third = console.board->start(alice, "Test Tools/Complete", "exercise", {});
  BOOST_TEST_REQUIRE(!third.ok());
  BOOST_TEST((third.error().why == sdk::reason::conflict));
  BOOST_TEST(third.error().message.find("2 tasks are open") != std::string::npos);

  BOOST_TEST(console.board->cancel(alice, first).ok());
  console.outcome(first);
  BOOST_TEST(console.board->start(alice, "Test Tools/Complete", "exercise", {}).ok());
}

BOOST_AUTO_TEST_CASE(a_session_keeps_its_last_finished_tasks_only) {
  web_console console(2);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i <= task_board::finished_kept_per_session; ++i) {
    ids.push_back(console.exercise(alice));
    BOOST_TEST(console.board->cancel(alice, ids.back()).ok());
    console.outcome(ids.back());
  }
  BOOST_TEST((console.board->state(alice, ids.front()).error().why == sdk::reason::not_found));
  BOOST_TEST(console.state(ids[1]).at("state").as_string() == "done");
}

BOOST_AUTO_TEST_CASE(starts_at_once_never_open_more_tasks_than_the_limit) {
  web_console console(2);
  std::vector<std::future<sdk::result<std::string>>> starts;
  const auto ready = [&] {
    return std::count_if(starts.begin(), starts.end(),
                         [](const auto& s) { return s.wait_for(0s) == std::future_status::ready; });
  };
  {
    auto held = console.gate.enter();
    for (int i = 0; i < 4; ++i)
      starts.push_back(std::async(std::launch::async, [&] { return console.board->start(alice, "Test Tools/Complete", "exercise", {}); }));
    // Two starts keep their places while they wait for the gate; the other two are refused at once.
    for (int i = 0; i < 500 && ready() < 2; ++i) std::this_thread::sleep_for(10ms);
    BOOST_TEST(ready() == 2);
  }
  std::size_t opened = 0;
  for (auto& s : starts) {
    const auto id = s.get();
    if (id.ok()) ++opened;
    else BOOST_TEST((id.error().why == sdk::reason::conflict));
  }
  BOOST_TEST(opened == 2u);
}
