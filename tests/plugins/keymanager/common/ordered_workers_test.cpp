#define BOOST_TEST_MODULE km_common_ordered_workers
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/ordered_workers.hpp"

using arbor::km::ordered_workers;
using namespace std::chrono_literals;

// Later items finish first (the first sleeps longest), yet the results come back in order.
BOOST_AUTO_TEST_CASE(results_come_back_in_the_order_items_went_in) {
  std::vector<int> seen;
  const auto collect = [&seen](int& result) { seen.push_back(result); };
  ordered_workers<int, int> workers(
      [](int& n) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5 * (10 - n)));
        return n * n;
      },
      4);
  for (int n = 0; n < 10; ++n) workers.submit(n, collect);
  workers.drain(collect);
  BOOST_TEST(seen == (std::vector<int>{0, 1, 4, 9, 16, 25, 36, 49, 64, 81}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_more_than_in_flight_items_run_at_once) {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  ordered_workers<int, int> workers(
      [&](int& n) {
        const int now = ++running;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(2ms);
        --running;
        return n;
      },
      3);
  const auto ignore = [](int&) {};
  for (int n = 0; n < 30; ++n) workers.submit(n, ignore);
  workers.drain(ignore);
  BOOST_TEST(most.load() <= 3);
  BOOST_TEST(most.load() >= 2);  // they did run side by side
}

BOOST_AUTO_TEST_CASE(a_failure_is_rethrown_where_its_result_is_reached) {
  std::vector<int> seen;
  const auto collect = [&seen](int& result) { seen.push_back(result); };
  ordered_workers<int, int> workers(
      [](int& n) {
        if (n == 2) throw std::runtime_error("item 2 failed");
        return n;
      },
      2);
  workers.submit(0, collect);
  workers.submit(1, collect);
  workers.submit(2, collect);
  BOOST_CHECK_THROW(workers.drain(collect), std::runtime_error);
  BOOST_TEST(seen == (std::vector<int>{0, 1}), boost::test_tools::per_element());  // nothing after the failure
}

// A caller that gives up (an export cancelled mid-file) leaves items under way; destroying the
// workers waits for them, so the work never outlives what it uses.
BOOST_AUTO_TEST_CASE(destroying_waits_for_items_under_way) {
  std::atomic<int> finished{0};
  {
    ordered_workers<int, int> workers(
        [&finished](int& n) {
          std::this_thread::sleep_for(20ms);
          ++finished;
          return n;
        },
        2);
    const auto ignore = [](int&) {};
    workers.submit(1, ignore);
    workers.submit(2, ignore);
  }
  BOOST_TEST(finished.load() == 2);
}
