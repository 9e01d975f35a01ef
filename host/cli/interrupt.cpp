#include "host/cli/interrupt.hpp"

#include <csignal>

namespace arbor::host::cli {
namespace {

volatile std::sig_atomic_t sigint_seen = 0;

extern "C" void on_sigint(int) { sigint_seen = 1; }

}  // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
}

bool interrupted() noexcept { return sigint_seen != 0; }

}  // namespace arbor::host::cli
