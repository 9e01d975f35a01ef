#define BOOST_TEST_MODULE live_page_test
// SDK 1.2 live pages in the wizard runner: while a page is shown, its source can prepare that
// same page again with the answers typed so far; the plugin sees the shown page's id and those
// answers, and the hook is gone once the page is answered. A path field's options are only
// suggestions: the scripted front end takes any path.
#include <boost/test/unit_test.hpp>

#include "runner_test.hpp"

namespace {

/// Shows each page once: on the "search" page it prepares the page again with a typed pattern,
/// then answers Next.
class refreshing_source final : public answer_source {
 public:
  std::vector<std::string> refreshed_info;  ///< the info of each page prepared again
  bool hook_while_shown{false};
  mutable bool hook_after_shown{true};  ///< as seen by the runner's last cancelled() check

  sdk::result<void> check(const sdk::wizard_spec&) override { return {}; }
  void refresh_with(page_refresh refresh) override { refresh_ = std::move(refresh); }
  sdk::result<page_step> show(const sdk::page& page, const sdk::answers& so_far, const sdk::error*, bool) override {
    hook_while_shown = static_cast<bool>(refresh_);
    if (page.id == "search" && refresh_) {
      sdk::answers typed = so_far;
      sdk::answer pattern;
      pattern.text = "al*";
      typed.set("search", "pattern", pattern);
      auto again = refresh_(typed);
      BOOST_REQUIRE(again);
      BOOST_TEST(again.value().id == "search");
      for (const auto& line : again.value().info) refreshed_info.push_back(line);
    }
    return page_step::next;
  }
  sdk::result<void> skipped(const sdk::page&) override { return {}; }
  std::optional<raw_value> value(const sdk::page&, const sdk::field&) override { return std::string("x"); }
  std::optional<sdk::secret_text> secret(const sdk::page&, const sdk::field&) override { return std::nullopt; }
  std::string secret_hint() const override { return {}; }
  bool may_retry() const override { return false; }
  bool cancelled() const override {
    hook_after_shown = static_cast<bool>(refresh_);
    return false;
  }

 private:
  page_refresh refresh_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_shown_page_is_prepared_again_with_what_was_typed_on_it) {
  fake_wizard w;
  w.declared.pages = {make_page("search", {make_field("pattern", field_kind::text)}),
                      make_page("next", {make_field("other", field_kind::text)})};
  w.on_prepare = [](const sdk::page& declared, const sdk::answers& so_far) -> sdk::result<sdk::page> {
    sdk::page page = declared;
    if (declared.id == "search") page.info = {"pattern: " + so_far.text("search", "pattern")};
    return page;
  };
  refreshing_source source;
  const auto outcome = run_wizard(w, source);
  BOOST_TEST((outcome.end == wizard_end::completed));
  BOOST_TEST(source.refreshed_info == std::vector<std::string>{"pattern: al*"});
  BOOST_TEST(source.hook_while_shown);
  BOOST_TEST(!source.hook_after_shown);  // cleared once the page was answered
  BOOST_TEST(w.prepared == (std::vector<std::string>{"search", "search", "next"}));
}

BOOST_AUTO_TEST_CASE(a_path_outside_the_suggestions_is_taken_from_an_answer_file) {
  fake_wizard w;
  w.declared.pages = {make_page("file", {make_field("name", field_kind::path, true, {"users.kmx", "old.kmx"})})};
  answer_set given;
  given.set("file", "name", std::string("elsewhere/other.kmx"));
  scripted_source source(std::move(given), nullptr, "Give passwords with --password-file.", {});
  const auto outcome = run_wizard(w, source);
  BOOST_TEST((outcome.end == wizard_end::completed), outcome.error.message);
  BOOST_TEST(w.ran_with.text("file", "name") == "elsewhere/other.kmx");
}
