#define BOOST_TEST_MODULE segment_sealer_test
// The sealing thread of the transfer writer: order, hand-over, errors, and stopping early.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "transfer/segment_sealer.hpp"

using arbor::km::secret;
using arbor::km::transfer::segment_sealer;

namespace {

secret segment_of(const std::string& text) {
  secret b;
  b.append(text);
  return b;
}

}  // namespace

BOOST_AUTO_TEST_CASE(segments_are_sealed_once_each_in_the_order_given) {
  std::vector<std::string> sealed;  // written by the sealing thread, read after drain()
  segment_sealer sealer([&](const secret& s) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // let the caller run ahead
    sealed.emplace_back(s.view());
  });
  for (int i = 0; i < 50; ++i) {
    auto segment = segment_of("segment " + std::to_string(i));
    sealer.submit(segment);
    BOOST_TEST(segment.empty());  // handed over: the caller gets an empty buffer back
  }
  sealer.drain();
  BOOST_TEST_REQUIRE(sealed.size() == 50u);
  for (int i = 0; i < 50; ++i) BOOST_TEST(sealed[static_cast<std::size_t>(i)] == "segment " + std::to_string(i));
}

BOOST_AUTO_TEST_CASE(an_error_while_sealing_reaches_the_caller_and_stops_the_rest) {
  std::atomic<int> calls{0};
  segment_sealer sealer([&](const secret& s) {
    ++calls;
    if (s.view() == "bad") throw std::runtime_error("disk full");
  });
  auto bad = segment_of("bad");
  sealer.submit(bad);
  BOOST_CHECK_EXCEPTION(
      {
        for (int i = 0; i < 10; ++i) {
          auto next = segment_of("next");
          sealer.submit(next);
        }
        sealer.drain();
      },
      std::runtime_error, [](const std::runtime_error& e) { return std::string(e.what()) == "disk full"; });
  BOOST_TEST(calls.load() == 1);  // nothing after the failed segment was sealed
  BOOST_CHECK_THROW(sealer.drain(), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(destroying_a_busy_sealer_waits_for_the_segment_in_hand_and_drops_the_waiting_one) {
  std::promise<void> started;
  std::atomic<int> finished{0};
  {
    segment_sealer sealer([&](const secret& s) {
      if (s.view() == "first") started.set_value();
      // Long enough that the destructor starts while "first" is still being sealed.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      ++finished;
    });
    auto first = segment_of("first");
    sealer.submit(first);
    started.get_future().wait();  // the thread is sealing "first"
    auto second = segment_of("second");
    sealer.submit(second);  // waits in hand
  }
  BOOST_TEST(finished.load() == 1);
}
