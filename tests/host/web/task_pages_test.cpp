#define BOOST_TEST_MODULE web_task_pages
// What a shown page offers besides its answer: live previews (SDK 1.2) and the file picker.
#include <boost/test/unit_test.hpp>

#include "task_board_fixture.hpp"

BOOST_FIXTURE_TEST_SUITE(task_pages, web_console)

BOOST_AUTO_TEST_CASE(a_live_page_is_prepared_again_with_what_is_typed_and_the_answer_is_unchanged) {
  const std::string id = start(alice, "Fixtures/rows", "greet");  // SDK 1.2, without rows: live_greet
  const json::object shown = state(id);
  BOOST_TEST(shown.at("live").as_bool());
  BOOST_TEST(shown.at("page").at("info").at(0).as_string() == "Greets: nobody yet");

  auto preview = board->preview(alice, id, {{"page", "who"}, {"answers", {{"name", "Ada"}, {"card", nullptr}}}});
  BOOST_TEST_REQUIRE(preview.ok(), (preview.ok() ? "" : preview.error().message));
  BOOST_TEST(preview.value().at("info").at(0).as_string() == "Greets: Ada");
  BOOST_TEST(json::serialize(preview.value().at("options")) == R"({"card":["Ada.card"]})");
  BOOST_TEST(state(id).at("version").as_uint64() == shown.at("version").as_uint64());  // the shown page stays
  auto picked = board->paths(alice, id, "card", "");  // the new suggestion is the picker's
  BOOST_TEST_REQUIRE(picked.ok());
  BOOST_TEST(picked.value().at("entries").at(0).at("path").as_string() == "Ada.card");
  BOOST_TEST(picked.value().at("entries").at(0).at("kind").as_string() == "suggestion");
  BOOST_TEST((board->paths(alice, id, "card", "/").error().why == sdk::reason::invalid_input));
  BOOST_TEST((board->preview(bob, id, {{"page", "who"}}).error().why == sdk::reason::not_found));

  const json::object answered = next(id, {{"name", "Bea"}});
  BOOST_TEST(page_id(answered) != "who");
  BOOST_TEST(answered.at("live").as_bool());  // every state says it, the next page's too
  BOOST_TEST(outcome(id).at("summary").at("items").at(0).at("value").as_string() == "Hello, Bea");
  BOOST_TEST((board->preview(alice, id, {{"page", "who"}}).error().why == sdk::reason::conflict));  // no page waits
}

// A logout while one of its live pages is prepared again by a slow plugin must not hold up
// another session's requests (the board's lock was held while the cancel waited for the preview).
BOOST_AUTO_TEST_CASE(a_session_dropped_during_a_slow_preview_holds_up_no_other_session) {
  const std::string theirs = start(alice, "Fixtures/rows", "greet");
  const std::string mine = start(bob, "Fixtures/rows", "greet");
  auto preview = std::async(std::launch::async, [&] {
    return board->preview(alice, theirs, {{"page", "who"}, {"answers", {{"name", "slow"}}}});
  });
  std::this_thread::sleep_for(300ms);  // the preview is in the plugin's 3 s prepare()
  auto dropped = std::async(std::launch::async, [&] { board->drop_session(alice); });
  std::this_thread::sleep_for(100ms);
  const auto asked = std::chrono::steady_clock::now();
  BOOST_TEST(board->state(bob, mine).ok());
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - asked);
  BOOST_TEST(waited.count() < 1500);
  dropped.get();
  (void)preview.get();  // refused or shown: the task was cancelled meanwhile
  BOOST_TEST((board->state(alice, theirs).error().why == sdk::reason::not_found));
}

BOOST_AUTO_TEST_CASE(a_preview_of_another_page_a_page_asking_a_secret_or_an_older_plugin_is_refused) {
  const std::string greet = start(alice, "Fixtures/rows", "greet");
  auto other = board->preview(alice, greet, {{"page", "elsewhere"}, {"answers", json::object{}}});
  BOOST_TEST_REQUIRE(!other.ok());
  BOOST_TEST((other.error().why == sdk::reason::conflict));
  BOOST_TEST(other.error().message.find("not the one the task shows") != std::string::npos);
  BOOST_TEST((board->preview(alice, greet, {{"page", "who"}, {"answers", {{"age", "3"}}}}).error().why ==
              sdk::reason::invalid_input));  // no such field

  const std::string old = exercise();  // the complete plugin asks API 1.0
  BOOST_TEST(!state(old).at("live").as_bool());
  auto older = board->preview(alice, old, {{"page", "identity"}, {"answers", {{"name", "Ada"}}}});
  BOOST_TEST_REQUIRE(!older.ok());
  BOOST_TEST(older.error().message.find("SDK 1.0 or 1.1") != std::string::npos);

  const std::string login = start(alice, "Advanced Security/Key Manager", "save-kms-certificate");  // API 1.2
  BOOST_TEST(state(login).at("live").as_bool());
  BOOST_TEST_REQUIRE(page_id(state(login)) == "login");
  auto secret = board->preview(alice, login, {{"page", "login"}, {"answers", {{"administrator", "admin"}}}});
  BOOST_TEST_REQUIRE(!secret.ok());
  BOOST_TEST((secret.error().why == sdk::reason::invalid_input));
  BOOST_TEST(secret.error().message.find("asks a secret") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_file_picker_lists_directories_and_regular_files_and_refuses_the_rest) {
  namespace fs = std::filesystem;
  const fs::path where = dir / "picker";
  fs::create_directories(where / "sub");
  std::ofstream(where / "b.txt") << "never read";
  std::ofstream(where / ".hidden") << "";
  BOOST_TEST_REQUIRE(::mkfifo((where / "pipe").c_str(), 0600) == 0);
  fs::create_symlink(where / "b.txt", where / "link");
  fs::create_directory_symlink(where / "sub", where / "dirlink");
  const std::string id = exercise();  // its identity page has the path field "output", without suggestions

  auto listed = board->paths(alice, id, "output", where.string() + "/sub/..");
  BOOST_TEST_REQUIRE(listed.ok(), (listed.ok() ? "" : listed.error().message));
  BOOST_TEST(listed.value().at("dir").as_string() == where.string());
  BOOST_TEST(listed.value().at("parent").as_string() == dir.path().string());
  BOOST_TEST(json::serialize(listed.value().at("entries")) ==
             json::serialize(json::array{json::object{{"name", "sub"}, {"path", (where / "sub").string()}, {"kind", "directory"}},
                                         json::object{{"name", "b.txt"}, {"path", (where / "b.txt").string()}, {"kind", "file"}}}));
  BOOST_TEST(!listed.value().at("cut").as_bool());
  BOOST_TEST(listed.value().at("entries").as_array().size() == 2u);

  const auto refused = [&](const std::string& field, const std::string& path, sdk::reason why, std::string_view says) {
    auto answer = board->paths(alice, id, field, path);
    BOOST_TEST_REQUIRE(!answer.ok(), path);
    BOOST_TEST((answer.error().why == why), path);
    BOOST_TEST(answer.error().message.find(says) != std::string::npos, answer.error().message);
  };
  refused("output", (where / "b.txt").string(), sdk::reason::invalid_input, "is not a directory");
  refused("output", (where / "pipe").string(), sdk::reason::invalid_input, "is not a directory");
  refused("output", (where / "dirlink").string() + "/", sdk::reason::invalid_input, "symbolic link");
  refused("output", (where / "missing").string(), sdk::reason::not_found, "does not exist");
  refused("output", where.string() + "\x01", sdk::reason::invalid_input, "control character");
  refused("output", std::string(5000, 'a'), sdk::reason::invalid_input, "more than 4096");
  refused("name", where.string(), sdk::reason::not_found, "no path field \"name\"");
  BOOST_TEST((board->paths(bob, id, "output", where.string()).error().why == sdk::reason::not_found));

  for (std::size_t i = 0; i < max_listed_entries; ++i) std::ofstream(where / ("f" + std::to_string(i)));
  auto cut = board->paths(alice, id, "output", where.string());
  BOOST_TEST_REQUIRE(cut.ok());
  BOOST_TEST(cut.value().at("cut").as_bool());
  BOOST_TEST(cut.value().at("entries").as_array().size() == max_listed_entries);
  BOOST_TEST(cut.value().at("entries").at(0).at("name").as_string() == "sub");  // directories first
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(an_answer_to_a_page_waits_until_its_preview_is_over) {
  // The runner's thread waits in show(); a preview holds the plugin's prepare() at `release`.
  const sdk::page page{.id = "who", .title = "Who", .fields = {sdk::field{.id = "name", .label = "Name", .required = false}}};
  std::promise<void> published;
  web_answer_source source([&](json::object) { published.set_value(); });
  BOOST_TEST_REQUIRE(source.check(sdk::wizard_spec{"Greet", {page}}).ok());
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  source.refresh_with([&](const sdk::answers& typed) -> sdk::result<sdk::page> {
    entered.set_value();
    released.wait();
    sdk::page again = page;
    again.info = {"typed " + typed.text("who", "name")};
    return again;
  });
  const sdk::answers so_far;
  auto shown = std::async(std::launch::async, [&] { return source.show(page, so_far, nullptr, true); });
  BOOST_TEST_REQUIRE((published.get_future().wait_for(20s) == std::future_status::ready));

  auto preview = std::async(std::launch::async, [&] {
    return source.preview({{"page", "who"}, {"answers", {{"name", "Ada"}}}});
  });
  BOOST_TEST_REQUIRE((entered.get_future().wait_for(20s) == std::future_status::ready));
  auto next = std::async(std::launch::async, [&] { return source.reply({{"step", "next"}, {"answers", {{"name", "Bea"}}}}); });
  BOOST_TEST((next.wait_for(200ms) == std::future_status::timeout));  // held while the plugin prepares
  release.set_value();
  const auto previewed = preview.get();
  BOOST_TEST_REQUIRE(previewed.ok());
  BOOST_TEST(previewed.value().at("info").at(0).as_string() == "typed Ada");
  BOOST_TEST(next.get().ok());
  const auto step = shown.get();
  BOOST_TEST_REQUIRE(step.ok());
  BOOST_TEST((step.value() == page_step::next));
  BOOST_TEST(std::get<std::string>(*source.value(page, page.fields.front())) == "Bea");
}
