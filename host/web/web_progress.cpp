#include "host/web/web_progress.hpp"

namespace arbor::host::web {
namespace {

thread_local sdk::progress* bound = nullptr;

}  // namespace

web_progress::binding::binding(sdk::progress& target) noexcept : previous_(bound) { bound = &target; }

web_progress::binding::~binding() { bound = previous_; }

void web_progress::begin(std::string_view label, std::uint64_t total) {
  if (bound != nullptr) bound->begin(label, total);
}

void web_progress::advance(std::uint64_t done, std::string_view note) {
  if (bound != nullptr) bound->advance(done, note);
}

bool web_progress::cancelled() const { return bound != nullptr && bound->cancelled(); }

void web_progress::end() {
  if (bound != nullptr) bound->end();
}

}  // namespace arbor::host::web
