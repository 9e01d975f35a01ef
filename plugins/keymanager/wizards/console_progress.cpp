#include "wizards/console_progress.hpp"

namespace arbor::km::wizards {

console_progress::~console_progress() {
  if (progress_ != nullptr && begun_) progress_->end();
}

void console_progress::phase(std::string_view label, std::uint64_t total) {
  if (progress_ == nullptr) return;
  if (begun_) progress_->end();
  progress_->begin(label, total);
  begun_ = true;
  done_ = 0;
}

void console_progress::step(std::string_view note) {
  if (progress_ != nullptr) progress_->advance(++done_, note);
}

}  // namespace arbor::km::wizards
