#pragma once
// The precondition of every tmux-driven suite: without tmux they are skipped with a reason
// instead of failing. Include after <boost/test/unit_test.hpp>.
#include "tmux_console.hpp"

namespace arbor::test {

struct tmux_required {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    boost::test_tools::assertion_result available(tmux_available());
    available.message() << "tmux is not installed; the console's end-to-end tests need it (apt-get install tmux)";
    return available;
  }
};

}  // namespace arbor::test
