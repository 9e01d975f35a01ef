#define BOOST_TEST_MODULE two_stage_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "transfer/two_stage.hpp"

using arbor::km::transfer::two_stage;

namespace {

// Items are move-only, as the import's users (which hold secrets) are.
using item = std::unique_ptr<int>;
using stages = two_stage<item, std::string>;

stages counting_to(int n, std::atomic<int>& emitted, std::size_t depth) {
  return stages(
      [n, &emitted](const stages::emit& emit) {
        for (int i = 0; i < n; ++i) {
          emit(std::make_unique<int>(i));
          ++emitted;
        }
        return std::string("done");
      },
      depth);
}

}  // namespace

BOOST_AUTO_TEST_CASE(items_reach_the_consumer_in_order_and_the_result_comes_back) {
  std::atomic<int> emitted = 0;
  auto pass = counting_to(1000, emitted, 4);
  std::vector<int> seen;
  BOOST_TEST(pass.run([&](item& i) { seen.push_back(*i); }) == "done");
  BOOST_REQUIRE(seen.size() == 1000u);
  for (int i = 0; i < 1000; ++i) BOOST_TEST(seen[static_cast<std::size_t>(i)] == i);
}

BOOST_AUTO_TEST_CASE(the_producer_runs_at_most_depth_items_ahead) {
  std::atomic<int> emitted = 0;
  auto pass = counting_to(100, emitted, 3);
  int taken = 0;
  int most_ahead = 0;
  pass.run([&](item&) {
    // A slow first item: with no bound the producer would emit all 100 meanwhile.
    if (taken == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ++taken;
    // Handed over but not yet taken: at most `depth`.
    most_ahead = std::max(most_ahead, emitted.load() - taken);
  });
  BOOST_TEST(most_ahead <= 3);
  BOOST_TEST(taken == 100);
}

BOOST_AUTO_TEST_CASE(a_producer_error_reaches_the_caller) {
  stages pass(
      [](const stages::emit& emit) -> std::string {
        emit(std::make_unique<int>(1));
        throw std::runtime_error("segment 2 does not verify");
      },
      4);
  int taken = 0;
  BOOST_CHECK_EXCEPTION(pass.run([&](item&) { ++taken; }), std::runtime_error,
                        [](const std::runtime_error& e) { return std::string(e.what()) == "segment 2 does not verify"; });
  BOOST_TEST(taken <= 1);
}

BOOST_AUTO_TEST_CASE(a_consumer_error_stops_the_producer_and_reaches_the_caller) {
  std::atomic<int> emitted = 0;
  auto pass = counting_to(1'000'000, emitted, 2);
  BOOST_CHECK_EXCEPTION(pass.run([](item& i) {
    if (*i == 5) throw std::logic_error("cancelled by the operator");
  }),
                        std::logic_error,
                        [](const std::logic_error& e) { return std::string(e.what()) == "cancelled by the operator"; });
  BOOST_TEST(emitted.load() < 20);
}

BOOST_AUTO_TEST_CASE(an_empty_pass_returns_the_result) {
  stages pass([](const stages::emit&) { return std::string("no users"); }, 1);
  int taken = 0;
  BOOST_TEST(pass.run([&](item&) { ++taken; }) == "no users");
  BOOST_TEST(taken == 0);
}
