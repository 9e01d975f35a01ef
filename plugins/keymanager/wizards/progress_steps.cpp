#include "wizards/progress_steps.hpp"

#include "common/km_error.hpp"

namespace arbor::km::wizards {

progress_steps::progress_steps(sdk::progress* progress, std::string_view label, std::uint64_t total)
    : progress_(progress) {
  if (progress_ != nullptr) progress_->begin(label, total);
}

progress_steps::~progress_steps() {
  if (progress_ != nullptr) progress_->end();
}

void progress_steps::advance(std::string_view note) {
  ++done_;
  if (progress_ != nullptr) progress_->advance(done_, note);
}

void progress_steps::stop_if_cancelled() const {
  if (progress_ != nullptr && progress_->cancelled())
    throw error(errc::cancelled, "Cancelled: nothing was changed.");
}

}  // namespace arbor::km::wizards
