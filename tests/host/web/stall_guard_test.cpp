#define BOOST_TEST_MODULE web_stall_guard_test
#include <boost/test/unit_test.hpp>

#include "host/web/stall_guard.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

using namespace arbor::host::web;
using namespace std::chrono_literals;
namespace sdk = arbor::sdk;

namespace {

// A directory on a mount that stopped answering: the call returns only when `answer` is set.
struct hung_call {
  std::shared_ptr<std::promise<void>> answer = std::make_shared<std::promise<void>>();
  std::shared_future<void> answered = answer->get_future().share();

  std::function<sdk::result<int>()> call() const {
    return [answered = answered]() -> sdk::result<int> {
      answered.wait();
      return 7;
    };
  }
};

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

// The calls' threads outlive the guard's wait; the test ends only after they have returned, so no
// thread is still running when the process exits.
void wait_until_none_stuck(const stall_guard& guard) {
  for (int i = 0; i < 500 && guard.stuck() > 0; ++i) std::this_thread::sleep_for(10ms);
  BOOST_TEST_REQUIRE(guard.stuck() == 0u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_call_that_answers_in_time_gives_its_result) {
  stall_guard guard(2s, 1);
  auto result = guard.run<int>([]() -> sdk::result<int> { return 42; }, "The directory /srv");
  BOOST_TEST_REQUIRE(result.ok());
  BOOST_TEST(result.value() == 42);
  auto failed = guard.run<int>([]() -> sdk::result<int> { return sdk::fail(sdk::reason::not_found, "gone"); }, "x");
  BOOST_TEST_REQUIRE(!failed.ok());
  BOOST_TEST(failed.error().message == "gone");
}

BOOST_AUTO_TEST_CASE(a_hung_call_frees_its_waiter_at_the_deadline_and_says_what_hung) {
  stall_guard guard(200ms, 2);
  hung_call mount;
  const auto start = std::chrono::steady_clock::now();
  auto result = guard.run<int>(mount.call(), "The directory /mnt/nfs");
  BOOST_TEST(since(start) >= 200ms);
  BOOST_TEST(since(start) < 2000ms);
  BOOST_TEST_REQUIRE(!result.ok());
  BOOST_TEST((result.error().why == sdk::reason::unavailable));
  BOOST_TEST(result.error().message == "The directory /mnt/nfs did not answer within 200 ms.");
  BOOST_TEST(guard.stuck() == 1u);
  mount.answer->set_value();
  wait_until_none_stuck(guard);
}

// Hung mounts must not use up the web workers, nor grow threads without bound.
BOOST_AUTO_TEST_CASE(while_enough_calls_hang_the_next_is_refused_without_running) {
  stall_guard guard(100ms, 2);
  hung_call mount;
  BOOST_TEST(!guard.run<int>(mount.call(), "The directory /mnt/a").ok());
  BOOST_TEST(!guard.run<int>(mount.call(), "The directory /mnt/b").ok());
  bool ran = false;
  const auto start = std::chrono::steady_clock::now();
  auto refused = guard.run<int>(
      [&ran]() -> sdk::result<int> {
        ran = true;
        return 1;
      },
      "The directory /srv");
  BOOST_TEST(since(start) < 100ms);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(!ran);
  BOOST_TEST(refused.error().message.find("still wait on directories that do not answer") != std::string::npos);

  mount.answer->set_value();  // the mount answers again: calls run again
  wait_until_none_stuck(guard);
  auto again = guard.run<int>([]() -> sdk::result<int> { return 3; }, "The directory /srv");
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(again.value() == 3);
}
