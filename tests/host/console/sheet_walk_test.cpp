#define BOOST_TEST_MODULE sheet_walk
// The runner's parts a property sheet uses: where the sheet starts, the walk up to it, fresh
// preparation of the sheet's pages, and Apply (validate every page, then run) on one wizard.
#include <boost/test/unit_test.hpp>

#include "runner_test.hpp"

namespace {

/// An operation choice, a login, then the tab's values (a stored timeout as the default).
fake_wizard tab_wizard() {
  fake_wizard w;
  w.declared.title = "Tab";
  w.declared.pages = {make_page("operation", {make_field("action", field_kind::choice, false, {"view", "set"}, "view")}),
                      make_page("login", {make_field("password", field_kind::secret)}),
                      make_page("values", {make_field("timeout", field_kind::text, true, {}, "2000")}),
                      make_page("extra", {make_field("note", field_kind::text, false)})};
  return w;
}

answer_set values(std::string timeout) {
  answer_set given;
  given.set("values", "timeout", std::move(timeout));
  return given;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_sheet_starts_after_the_first_page_with_a_secret_field) {
  BOOST_TEST(sheet_first_page(tab_wizard().declared) == 2u);
  fake_wizard no_login;
  no_login.declared.pages = {make_page("values", {make_field("timeout", field_kind::text)})};
  BOOST_TEST(sheet_first_page(no_login.declared) == 0u);
}

BOOST_AUTO_TEST_CASE(the_walk_answers_the_pages_up_to_the_sheet_and_runs_nothing) {
  fake_wizard w = tab_wizard();
  answer_set given;
  given.set("operation", "action", std::string("set"));
  scripted_source source(std::move(given), nullptr, {}, {});
  BOOST_REQUIRE(source.check(w.declared).ok());
  sdk::answers answers;
  const auto stop = walk_pages(w, source, w.declared, 1, answers);
  BOOST_TEST(!stop.has_value());
  BOOST_TEST(answers.text("operation", "action") == "set");
  BOOST_TEST(w.validated == (std::vector<std::string>{"operation"}));
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(preparing_the_sheet_forgets_its_earlier_answers_and_leaves_out_skipped_pages) {
  fake_wizard w = tab_wizard();
  w.on_prepare = [](const sdk::page& p, const sdk::answers& so_far) -> sdk::result<sdk::page> {
    BOOST_TEST(!so_far.has("values", "timeout"), "page " << p.id << " was prepared with a stale answer");
    sdk::page page = p;
    page.skip = p.id == "extra";
    return page;
  };
  sdk::answers answers;
  answers.set("values", "timeout", sdk::answer{field_kind::text, "9999", {}, false, {}});
  const auto pages = prepare_pages(w, w.declared, 2, answers);
  BOOST_REQUIRE(pages.ok());
  BOOST_REQUIRE(pages.value().size() == 1u);
  BOOST_TEST(pages.value().front().id == "values");
  BOOST_TEST(pages.value().front().fields.front().default_value == "2000");
}

BOOST_AUTO_TEST_CASE(apply_validates_every_sheet_page_then_runs_and_can_run_again) {
  fake_wizard w = tab_wizard();
  sdk::answers answers;
  auto pages = prepare_pages(w, w.declared, 2, answers);
  BOOST_REQUIRE(pages.ok());
  scripted_source first(values("3500"), nullptr, {}, {});
  const wizard_outcome applied = apply_pages(w, first, pages.value(), answers);
  BOOST_REQUIRE(applied.end == wizard_end::completed);
  BOOST_TEST(w.ran_with.text("values", "timeout") == "3500");
  BOOST_TEST(w.validated == (std::vector<std::string>{"values", "extra"}));

  pages = prepare_pages(w, w.declared, 2, answers);
  BOOST_REQUIRE(pages.ok());
  scripted_source second(values("4000"), nullptr, {}, {});
  BOOST_TEST((apply_pages(w, second, pages.value(), answers).end == wizard_end::completed));
  BOOST_TEST(w.ran_with.text("values", "timeout") == "4000");
}

BOOST_AUTO_TEST_CASE(a_refused_sheet_page_names_its_page_and_nothing_runs) {
  fake_wizard w = tab_wizard();
  w.on_validate = [](std::string_view page, const sdk::answers& a) -> sdk::result<void> {
    if (page == "values" && a.text("values", "timeout") == "0") return sdk::fail(sdk::reason::invalid_input, "Too short.");
    return {};
  };
  sdk::answers answers;
  const auto pages = prepare_pages(w, w.declared, 2, answers);
  BOOST_REQUIRE(pages.ok());
  scripted_source source(values("0"), nullptr, {}, {});
  const wizard_outcome refused = apply_pages(w, source, pages.value(), answers);
  BOOST_TEST((refused.end == wizard_end::refused));
  BOOST_TEST(refused.page_id == "values");
  BOOST_TEST(refused.error.message.find("Too short.") != std::string::npos);
  BOOST_TEST(!w.ran);
}
