#define BOOST_TEST_MODULE web_gated_wizard
#include <boost/test/unit_test.hpp>

#include "host/web/gated_wizard.hpp"
#include "host/web/plugin_gate.hpp"
#include "host/web/web_task.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <string>

using namespace arbor::host::web;
namespace sdk = arbor::sdk;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

/// A login page checked slowly on purpose, as a password hash is: validate() of the login says it
/// has begun, then waits for release() (20 s at most, so a failed test still ends).
class slow_login_wizard final : public sdk::wizard {
 public:
  sdk::wizard_spec spec() const override {
    const sdk::field password{.id = "password", .label = "Password", .kind = sdk::field_kind::secret};
    const sdk::field agree{.id = "agree", .label = "Agree", .kind = sdk::field_kind::confirmation, .required = false};
    return {"Slow Login", {sdk::page{.id = "login", .title = "Login", .fields = {password}},
                           sdk::page{.id = "after", .title = "After", .fields = {agree}}}};
  }
  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers&) override {
    for (const sdk::page& page : spec().pages)
      if (page.id == page_id) return page;
    return sdk::fail(sdk::reason::not_found, "no such page");
  }
  sdk::result<void> validate(std::string_view page_id, const sdk::answers&) override {
    if (page_id != "login") return {};
    begun_.set_value();
    released_.wait_for(20s);
    return {};
  }
  sdk::result<sdk::summary> run(const sdk::answers&) override { return sdk::summary{"Done", {}, {}}; }

  bool checking_begun() { return begun_future_.wait_for(5s) == std::future_status::ready; }
  void release() { release_.set_value(); }

 private:
  std::promise<void> begun_;
  std::future<void> begun_future_ = begun_.get_future();
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_task_checking_its_login_slowly_holds_up_no_details_read) {
  plugin_gate gate;
  auto owned = std::make_unique<slow_login_wizard>();
  slow_login_wizard& wizard = *owned;
  web_task task({"id", "session", "Slow Login", "Node", "slow"}, std::move(owned), gate);
  BOOST_TEST_REQUIRE(task.wait_change(1, 5s).at("state").as_string() == "page");
  auto answered = std::async(std::launch::async, [&] {
    return task.answer({{"step", "next"}, {"answers", {{"password", "pw-1234"}}}}, 30s);
  });
  BOOST_TEST_REQUIRE(wizard.checking_begun());
  // A details read takes the plugin gate: it goes on while the login is still being checked.
  auto details_read = std::async(std::launch::async, [&] { const auto held = gate.enter(); });
  BOOST_TEST((details_read.wait_for(5s) == std::future_status::ready));
  wizard.release();
  const auto after = answered.get();
  BOOST_TEST_REQUIRE(after.ok());
  BOOST_TEST(after.value().at("page").at("id").as_string() == "after");
}

BOOST_AUTO_TEST_CASE(calls_on_one_wizard_are_made_one_at_a_time) {
  slow_login_wizard inner;
  gated_wizard gated(inner, [] {});
  auto checking = std::async(std::launch::async, [&] { return gated.validate("login", {}); });
  BOOST_TEST_REQUIRE(inner.checking_begun());
  auto preparing = std::async(std::launch::async, [&] { return gated.prepare("after", {}); });
  BOOST_TEST((preparing.wait_for(100ms) == std::future_status::timeout));  // waits for the check
  inner.release();
  BOOST_TEST(checking.get().ok());
  BOOST_TEST(preparing.get().ok());
}
