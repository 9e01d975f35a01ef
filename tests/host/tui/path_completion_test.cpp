#define BOOST_TEST_MODULE path_completion_test
// Tab on a path field: completion from a plugin's suggestions or from the file system, the
// matches listed once when they do not agree, the focus moving on when there is nothing to
// complete; and a live page's refresh, which changes what is shown and never what was typed.
#include <boost/test/unit_test.hpp>

#include "host/tui/page_form.hpp"
#include "host/tui/page_layout.hpp"
#include "host/tui/path_completion.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <variant>

using namespace arbor;
using namespace arbor::host::tui;

namespace {

namespace fs = std::filesystem;

/// A scratch directory, the working directory while the test runs.
struct scratch_cwd {
  fs::path before = fs::current_path();
  fs::path dir = fs::temp_directory_path() / ("arbor-completion-" + std::to_string(::getpid()));
  scratch_cwd() {
    fs::remove_all(dir);
    fs::create_directories(dir / "reports");
    for (const char* name : {"users-paris.kmx", "users-rome.kmx", "notes.txt", ".hidden"}) std::ofstream(dir / name) << "x";
    std::ofstream(dir / "evil\x1b[2J.kmx") << "x";
    fs::current_path(dir);
  }
  ~scratch_cwd() {
    fs::current_path(before);
    fs::remove_all(dir);
  }
};

sdk::page path_page(std::vector<std::string> suggestions = {}) {
  sdk::page p;
  p.id = "file";
  p.title = "Import File";
  p.info = {"first listing"};
  p.fields = {sdk::field{"name", "Transfer file", sdk::field_kind::path, true, std::move(suggestions), {}, {}},
              sdk::field{"note", "Note", sdk::field_kind::text, false, {}, {}, {}}};
  return p;
}

std::string text_of(const page_form& form, std::size_t i) { return std::string(form.inputs()[i].editor->text()); }

void type_text(page_form& form, std::u32string_view text) {
  for (char32_t c : text) form.handle(type(c));
}

}  // namespace

BOOST_AUTO_TEST_CASE(suggestions_complete_to_what_they_share_then_list_the_matches) {
  const auto found = complete_path("u", {"users-paris.kmx", "users-rome.kmx", "old.kmx"});
  BOOST_TEST(found.text == "users-");
  BOOST_TEST(found.matches == 2u);
  BOOST_TEST(found.candidates == (std::vector<std::string>{"users-paris.kmx", "users-rome.kmx"}));
  BOOST_TEST(complete_path("users-r", {"users-paris.kmx", "users-rome.kmx"}).text == "users-rome.kmx");
  BOOST_TEST(complete_path("x", {"users-paris.kmx"}).matches == 0u);
}

BOOST_FIXTURE_TEST_CASE(the_file_system_completes_names_and_directories_never_control_characters, scratch_cwd) {
  BOOST_TEST(complete_path("rep", {}).text == "reports/");
  BOOST_TEST(complete_path("no", {}).text == "notes.txt");
  const auto users = complete_path("u", {});
  BOOST_TEST(users.text == "users-");
  BOOST_TEST(users.candidates.size() == 2u);
  BOOST_TEST(complete_path(dir.string() + "/users-p", {}).text == dir.string() + "/users-paris.kmx");
  BOOST_TEST(complete_path("e", {}).matches == 0u);   // evil<ESC>[2J.kmx is never offered
  BOOST_TEST(complete_path(".h", {}).text == ".hidden");
  BOOST_TEST(complete_path("", {}).candidates.size() == 4u);  // not the dot file, not the evil name
}

BOOST_AUTO_TEST_CASE(tab_completes_a_path_field_lists_once_then_moves_on) {
  page_form form(path_page({"users-paris.kmx", "users-rome.kmx"}), {}, false, false);
  form.handle(press(key::tab));  // empty, but the suggestions share "users-"
  BOOST_TEST(text_of(form, 0) == "users-");
  BOOST_TEST(form.focused_field().value_or(9) == 0u);
  form.handle(press(key::tab));  // nothing more to add: the matches are listed
  BOOST_TEST(form.completions().size() == 2u);
  BOOST_TEST(form.focused_field().value_or(9) == 0u);
  const auto layout = layout_page(form, nullptr, 200);
  const bool shown = std::any_of(layout.lines.begin(), layout.lines.end(), [](const styled_line& l) {
    return l.text.find("2 matches") != std::string::npos && l.text.find("users-rome.kmx") != std::string::npos;
  });
  BOOST_TEST(shown);
  form.handle(press(key::tab));  // listed already: Tab moves on as on any field
  BOOST_TEST(form.completions().empty());
  BOOST_TEST(form.focused_field().value_or(9) == 1u);
}

BOOST_AUTO_TEST_CASE(tab_on_an_empty_path_field_without_suggestions_moves_on) {
  page_form form(path_page(), {}, false, false);
  form.handle(press(key::tab));
  BOOST_TEST(form.focused_field().value_or(9) == 1u);
}

BOOST_AUTO_TEST_CASE(a_typed_key_ends_the_listing) {
  page_form form(path_page({"a1", "a2"}), {}, false, false);
  type_text(form, U"a");
  form.handle(press(key::tab));
  BOOST_TEST(form.completions().size() == 2u);
  type_text(form, U"2");
  BOOST_TEST(form.completions().empty());
  BOOST_TEST(text_of(form, 0) == "a2");
}

BOOST_AUTO_TEST_CASE(a_refresh_changes_info_and_suggestions_never_what_was_typed) {
  page_form form(path_page(), {}, false, false);
  type_text(form, U"typed");
  form.handle(press(key::tab));  // "typed" matches nothing in the working directory: Tab moves on
  type_text(form, U"a note");
  sdk::page again = path_page({"new.kmx"});
  again.info = {"second listing"};
  again.fields[0].default_value = "ignored";
  again.fields[1].label = "ignored";
  BOOST_TEST(form.refresh(again));
  BOOST_TEST(form.page().info == std::vector<std::string>{"second listing"});
  BOOST_TEST(form.inputs()[0].field.options == std::vector<std::string>{"new.kmx"});
  BOOST_TEST(text_of(form, 0) == "typed");
  BOOST_TEST(text_of(form, 1) == "a note");
  BOOST_TEST(form.inputs()[1].field.label == "Note");
  BOOST_TEST(form.focused_field().value_or(9) == 1u);
  BOOST_TEST(!form.refresh(again));  // the same again: nothing to redraw
}
