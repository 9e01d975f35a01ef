#define BOOST_TEST_MODULE wizard_runner
#include <boost/test/unit_test.hpp>

#include "runner_test.hpp"

#include <deque>

namespace {

/// Secrets from a list, like lines of a password file.
class listed_secrets : public sdk::secret_prompt {
 public:
  explicit listed_secrets(std::deque<std::string> lines) : lines_(std::move(lines)) {}
  std::optional<sdk::secret_text> ask(std::string_view label) override {
    asked.emplace_back(label);
    if (lines_.empty()) return std::nullopt;
    sdk::secret_text next(lines_.front());
    lines_.pop_front();
    return next;
  }
  std::vector<std::string> asked;

 private:
  std::deque<std::string> lines_;
};

/// Two pages: "who" (name, optional greeting with a default) and "how" (color choice, confirm).
fake_wizard two_page_wizard() {
  fake_wizard w;
  w.declared.title = "Greet";
  w.declared.pages = {
      make_page("who", {make_field("name", field_kind::text), make_field("greeting", field_kind::text, false, {}, "Hello")}),
      make_page("how", {make_field("color", field_kind::choice, true, {"red", "green"}),
                        make_field("sure", field_kind::confirmation)})};
  return w;
}

answer_set two_page_answers() {
  answer_set given;
  given.set("who", "name", std::string("Ada"));
  given.set("how", "color", std::string("green"));
  given.set("how", "sure", true);
  return given;
}

wizard_outcome run_scripted(fake_wizard& w, answer_set given, sdk::secret_prompt* secrets = nullptr,
                            std::function<bool()> stop = {}) {
  scripted_source source(std::move(given), secrets, "Give passwords with --password-file.", std::move(stop));
  return run_wizard(w, source);
}

bool mentions(const wizard_outcome& o, const std::string& text) { return o.error.message.find(text) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(runs_every_page_then_returns_the_summary) {
  fake_wizard w = two_page_wizard();
  const wizard_outcome outcome = run_scripted(w, two_page_answers());
  BOOST_REQUIRE(outcome.end == wizard_end::completed);
  BOOST_TEST(outcome.summary->title == "Done");
  BOOST_TEST(w.prepared == (std::vector<std::string>{"who", "how"}));
  BOOST_TEST(w.validated == (std::vector<std::string>{"who", "how"}));
  BOOST_TEST(w.ran_with.text("who", "name") == "Ada");
  BOOST_TEST(w.ran_with.text("how", "color") == "green");
  BOOST_TEST(w.ran_with.yes("how", "sure"));
}

BOOST_AUTO_TEST_CASE(an_optional_field_without_a_value_takes_its_default) {
  fake_wizard w = two_page_wizard();
  const wizard_outcome outcome = run_scripted(w, two_page_answers());
  BOOST_REQUIRE(outcome.end == wizard_end::completed);
  BOOST_TEST(w.ran_with.text("who", "greeting") == "Hello");
}

BOOST_AUTO_TEST_CASE(a_given_value_replaces_the_default) {
  fake_wizard w = two_page_wizard();
  answer_set given = two_page_answers();
  given.set("who", "greeting", std::string("Hi"));
  BOOST_REQUIRE(run_scripted(w, given).end == wizard_end::completed);
  BOOST_TEST(w.ran_with.text("who", "greeting") == "Hi");
}

BOOST_AUTO_TEST_CASE(answers_are_checked_before_any_page_is_prepared) {
  fake_wizard w = two_page_wizard();
  answer_set given = two_page_answers();
  given.set("how", "color", std::string("purple"));
  const wizard_outcome outcome = run_scripted(w, given);
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(mentions(outcome, "field \"color\" on page \"how\""));
  BOOST_TEST(w.prepared.empty());
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(a_missing_required_field_is_refused_before_any_page_is_prepared) {
  fake_wizard w = two_page_wizard();
  answer_set given;
  given.set("who", "name", std::string("Ada"));
  const wizard_outcome outcome = run_scripted(w, given);
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(mentions(outcome, "field \"color\" on page \"how\""));
  BOOST_TEST(w.prepared.empty());
}

BOOST_AUTO_TEST_CASE(a_secret_in_the_answers_is_refused_and_not_echoed) {
  fake_wizard w;
  w.declared.pages = {make_page("login", {make_field("password", field_kind::secret)})};
  answer_set given;
  given.set("login", "password", std::string("hunter2"));
  const wizard_outcome outcome = run_scripted(w, given);
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(mentions(outcome, "field \"password\" on page \"login\""));
  BOOST_TEST(mentions(outcome, "--password-fd"));
  BOOST_TEST(!mentions(outcome, "hunter2"));
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(a_secret_added_by_prepare_is_refused_from_answers_too) {
  fake_wizard w;
  w.declared.pages = {make_page("login", {})};
  w.on_prepare = [](const sdk::page& p, const sdk::answers&) {
    sdk::page shown = p;
    shown.fields.push_back(make_field("password", field_kind::secret));
    return sdk::result<sdk::page>(shown);
  };
  answer_set given;
  given.set("login", "password", std::string("hunter2"));
  listed_secrets secrets({"from-file"});
  const wizard_outcome outcome = run_scripted(w, given, &secrets);
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(mentions(outcome, "field \"password\" on page \"login\""));
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(secrets_come_from_the_secret_source_in_page_order) {
  fake_wizard w;
  w.declared.pages = {make_page("one", {make_field("first", field_kind::secret)}),
                      make_page("two", {make_field("second", field_kind::secret)})};
  listed_secrets secrets({"alpha", "beta"});
  const wizard_outcome outcome = run_scripted(w, {}, &secrets);
  BOOST_REQUIRE(outcome.end == wizard_end::completed);
  BOOST_TEST(w.ran_with.secret("one", "first").view() == "alpha");
  BOOST_TEST(w.ran_with.secret("two", "second").view() == "beta");
  BOOST_TEST(secrets.asked == (std::vector<std::string>{"Label of first", "Label of second"}));
}

BOOST_AUTO_TEST_CASE(a_missing_required_secret_is_refused_with_the_hint) {
  fake_wizard w;
  w.declared.pages = {make_page("login", {make_field("password", field_kind::secret)})};
  listed_secrets none({});
  const wizard_outcome outcome = run_scripted(w, {}, &none);
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(mentions(outcome, "field \"Label of password\" on page \"Title of login\""));
  BOOST_TEST(mentions(outcome, "--password-file"));
  BOOST_TEST(outcome.page_id == "login");
  BOOST_TEST(outcome.field_id == "password");
}

BOOST_AUTO_TEST_CASE(a_skipped_page_is_not_shown_validated_or_answered) {
  fake_wizard w = two_page_wizard();
  w.declared.pages[1].fields[0].required = false;  // a page that may be skipped declares its fields optional
  w.declared.pages[1].fields[1].required = false;
  w.on_prepare = [](const sdk::page& p, const sdk::answers&) {
    sdk::page shown = p;
    shown.skip = p.id == "how";
    return sdk::result<sdk::page>(shown);
  };
  answer_set given;
  given.set("who", "name", std::string("Ada"));
  const wizard_outcome outcome = run_scripted(w, given);
  BOOST_REQUIRE(outcome.end == wizard_end::completed);
  BOOST_TEST(w.validated == (std::vector<std::string>{"who"}));
  BOOST_TEST(!w.ran_with.has("how", "color"));
}

BOOST_AUTO_TEST_CASE(a_field_only_the_prepared_page_has_is_type_checked_before_run) {
  fake_wizard w;
  w.declared.pages = {make_page("pick", {})};
  w.on_prepare = [](const sdk::page& p, const sdk::answers&) {
    sdk::page shown = p;
    shown.fields.push_back(make_field("user", field_kind::choice, true, {"ada", "bob"}));
    return sdk::result<sdk::page>(shown);
  };
  answer_set given;
  given.set("pick", "user", std::string("eve"));
  const wizard_outcome outcome = run_scripted(w, given);
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(mentions(outcome, "field \"Label of user\" on page \"Title of pick\""));
  BOOST_TEST(!mentions(outcome, "\"user\""));
  BOOST_TEST(mentions(outcome, "\"eve\" is not one of: ada, bob"));
  BOOST_TEST(outcome.page_id == "pick");
  BOOST_TEST(outcome.field_id == "user");
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(an_answer_for_a_field_the_prepared_page_lacks_is_refused) {
  fake_wizard w = two_page_wizard();
  answer_set given = two_page_answers();
  given.set("how", "colour", std::string("red"));
  const wizard_outcome outcome = run_scripted(w, given);
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(mentions(outcome, "field \"colour\" on page \"how\""));
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(a_validation_failure_stops_on_that_page) {
  fake_wizard w = two_page_wizard();
  w.on_validate = [](std::string_view page, const sdk::answers&) -> sdk::result<void> {
    if (page == "who") return sdk::fail(sdk::reason::invalid_input, "Name \"Ada\" is taken; choose another name.");
    return {};
  };
  const wizard_outcome outcome = run_scripted(w, two_page_answers());
  BOOST_TEST((outcome.end == wizard_end::refused));
  BOOST_TEST(outcome.page_id == "who");
  BOOST_TEST(mentions(outcome, "Page \"Title of who\" refused its answers"));
  BOOST_TEST(!mentions(outcome, "\"who\""));
  BOOST_TEST(mentions(outcome, "choose another name"));
  BOOST_TEST(w.prepared == (std::vector<std::string>{"who"}));
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(cancellation_from_the_source_stops_before_run) {
  fake_wizard w = two_page_wizard();
  const wizard_outcome outcome = run_scripted(w, two_page_answers(), nullptr, [] { return true; });
  BOOST_TEST((outcome.end == wizard_end::cancelled));
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(a_failing_run_is_a_task_failure) {
  fake_wizard w = two_page_wizard();
  w.on_run = [](const sdk::answers&) -> sdk::result<sdk::summary> {
    return sdk::fail(sdk::reason::unavailable, "The CA did not answer.");
  };
  const wizard_outcome outcome = run_scripted(w, two_page_answers());
  BOOST_TEST((outcome.end == wizard_end::task_failed));
  BOOST_TEST(outcome.error.message == "The CA did not answer.");
}

BOOST_AUTO_TEST_CASE(an_internal_error_is_a_plugin_failure_and_a_cancelled_run_is_cancelled) {
  fake_wizard broken = two_page_wizard();
  broken.on_prepare = [](const sdk::page&, const sdk::answers&) -> sdk::result<sdk::page> {
    return sdk::fail(sdk::reason::internal, "plugin threw");
  };
  BOOST_TEST((run_scripted(broken, two_page_answers()).end == wizard_end::plugin_failed));

  fake_wizard stopped = two_page_wizard();
  stopped.on_run = [](const sdk::answers&) -> sdk::result<sdk::summary> {
    return sdk::fail(sdk::reason::cancelled, "stopped");
  };
  BOOST_TEST((run_scripted(stopped, two_page_answers()).end == wizard_end::cancelled));
}

namespace {

/// An interactive operator: answers from a queue of (step, values) per show() call.
class interactive_source : public answer_source {
 public:
  struct visit {
    page_step step;
    std::map<std::string, raw_value> values;
  };
  std::deque<visit> visits;
  std::vector<std::string> shown;
  std::vector<bool> finishing;  ///< per show(): whether the button read Finish
  std::vector<std::string> problems;

  sdk::result<void> check(const sdk::wizard_spec&) override { return {}; }
  sdk::result<page_step> show(const sdk::page& page, const sdk::answers&, const sdk::error* problem,
                              bool finishes) override {
    shown.push_back(page.id);
    finishing.push_back(finishes);
    if (problem) problems.push_back(problem->message);
    if (visits.empty()) return page_step::cancel;
    current_ = std::move(visits.front());
    visits.pop_front();
    return current_.step;
  }
  sdk::result<void> skipped(const sdk::page&) override { return {}; }
  std::optional<raw_value> value(const sdk::page&, const sdk::field& field) override {
    auto it = current_.values.find(field.id);
    return it == current_.values.end() ? std::nullopt : std::optional<raw_value>(it->second);
  }
  std::optional<sdk::secret_text> secret(const sdk::page&, const sdk::field&) override { return std::nullopt; }
  std::string secret_hint() const override { return {}; }
  bool may_retry() const override { return true; }
  bool cancelled() const override { return false; }

 private:
  visit current_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_interactive_source_corrects_a_refused_page) {
  fake_wizard w = two_page_wizard();
  interactive_source source;
  source.visits = {{page_step::next, {{"name", std::string("")}}},
                   {page_step::next, {{"name", std::string("Ada")}}},
                   {page_step::next, {{"color", std::string("red")}, {"sure", true}}}};
  const wizard_outcome outcome = run_wizard(w, source);
  BOOST_REQUIRE(outcome.end == wizard_end::completed);
  BOOST_TEST(source.shown == (std::vector<std::string>{"who", "who", "how"}));
  BOOST_REQUIRE(source.problems.size() == 1u);
  BOOST_TEST(source.problems[0].find("field \"Label of name\" on page \"Title of who\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(back_returns_to_the_previous_shown_page) {
  fake_wizard w = two_page_wizard();
  interactive_source source;
  source.visits = {{page_step::next, {{"name", std::string("Ada")}}},
                   {page_step::back, {}},
                   {page_step::next, {{"name", std::string("Bob")}}},
                   {page_step::next, {{"color", std::string("red")}, {"sure", true}}}};
  const wizard_outcome outcome = run_wizard(w, source);
  BOOST_REQUIRE(outcome.end == wizard_end::completed);
  BOOST_TEST(source.shown == (std::vector<std::string>{"who", "how", "who", "how"}));
  BOOST_TEST(w.ran_with.text("who", "name") == "Bob");
}

BOOST_AUTO_TEST_CASE(cancel_on_a_page_ends_the_wizard_as_cancelled) {
  fake_wizard w = two_page_wizard();
  interactive_source source;
  source.visits = {{page_step::cancel, {}}};
  const wizard_outcome outcome = run_wizard(w, source);
  BOOST_TEST((outcome.end == wizard_end::cancelled));
  BOOST_TEST(outcome.page_id == "who");
  BOOST_TEST(!w.ran);
}

BOOST_AUTO_TEST_CASE(next_reads_finish_only_on_the_last_page) {
  fake_wizard w = two_page_wizard();
  interactive_source source;
  source.visits = {{page_step::next, {{"name", std::string("Ada")}}},
                   {page_step::next, {{"color", std::string("red")}, {"sure", true}}}};
  BOOST_REQUIRE(run_wizard(w, source).end == wizard_end::completed);
  BOOST_TEST(source.finishing == (std::vector<bool>{false, true}), boost::test_tools::per_element());
}

namespace {

/// "who", then "how" skipped when the name is "Ada": Next on "who" may turn out to run the task.
fake_wizard wizard_skipping_how_for_ada() {
  fake_wizard w = two_page_wizard();
  w.declared.pages[1].fields[0].required = false;
  w.declared.pages[1].fields[1].required = false;
  w.on_prepare = [](const sdk::page& p, const sdk::answers& so_far) {
    sdk::page shown = p;
    shown.skip = p.id == "how" && so_far.text("who", "name") == "Ada";
    return sdk::result<sdk::page>(shown);
  };
  return w;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_page_whose_later_pages_turn_out_skipped_is_shown_again_with_finish_before_the_task_runs) {
  fake_wizard w = wizard_skipping_how_for_ada();
  interactive_source source;
  source.visits = {{page_step::next, {{"name", std::string("Ada")}}}};
  BOOST_TEST((run_wizard(w, source).end == wizard_end::cancelled));  // no second press: nothing ran
  BOOST_TEST(!w.ran);
  BOOST_TEST(source.shown == (std::vector<std::string>{"who", "who"}));
  BOOST_TEST(source.finishing == (std::vector<bool>{false, true}), boost::test_tools::per_element());

  fake_wizard again = wizard_skipping_how_for_ada();
  interactive_source finishing;
  finishing.visits = {{page_step::next, {{"name", std::string("Ada")}}}, {page_step::next, {{"name", std::string("Ada")}}}};
  BOOST_REQUIRE(run_wizard(again, finishing).end == wizard_end::completed);
  BOOST_TEST(again.ran_with.text("who", "name") == "Ada");
}

BOOST_AUTO_TEST_CASE(a_page_shown_with_finish_reads_next_again_once_a_later_page_applies) {
  fake_wizard w = wizard_skipping_how_for_ada();
  interactive_source source;
  source.visits = {{page_step::next, {{"name", std::string("Ada")}}},
                   {page_step::next, {{"name", std::string("Bob")}}},  // Finish pressed, but "how" applies now
                   {page_step::back, {}},
                   {page_step::next, {{"name", std::string("Bob")}}},
                   {page_step::next, {{"color", std::string("red")}, {"sure", true}}}};
  BOOST_REQUIRE(run_wizard(w, source).end == wizard_end::completed);
  BOOST_TEST(source.shown == (std::vector<std::string>{"who", "who", "how", "who", "how"}));
  BOOST_TEST(source.finishing == (std::vector<bool>{false, true, true, false, true}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_scripted_source_runs_once_every_later_page_is_skipped) {
  fake_wizard w = wizard_skipping_how_for_ada();
  answer_set given;
  given.set("who", "name", std::string("Ada"));
  BOOST_REQUIRE(run_scripted(w, given).end == wizard_end::completed);
  BOOST_TEST(w.validated == (std::vector<std::string>{"who"}));
}

BOOST_AUTO_TEST_CASE(a_page_shown_again_to_finish_is_validated_again_only_when_its_answers_changed) {
  fake_wizard same = wizard_skipping_how_for_ada();
  interactive_source unchanged;
  unchanged.visits = {{page_step::next, {{"name", std::string("Ada")}}}, {page_step::next, {{"name", std::string("Ada")}}}};
  BOOST_REQUIRE(run_wizard(same, unchanged).end == wizard_end::completed);
  BOOST_TEST(same.validated == (std::vector<std::string>{"who"}));  // a login is not checked twice

  fake_wizard changed = wizard_skipping_how_for_ada();
  interactive_source retyped;
  retyped.visits = {{page_step::next, {{"name", std::string("Ada")}, {"greeting", std::string("Hi")}}},
                    {page_step::next, {{"name", std::string("Ada")}, {"greeting", std::string("Hey")}}}};
  BOOST_REQUIRE(run_wizard(changed, retyped).end == wizard_end::completed);
  BOOST_TEST(changed.validated == (std::vector<std::string>{"who", "who"}));
  BOOST_TEST(changed.ran_with.text("who", "greeting") == "Hey");
}
