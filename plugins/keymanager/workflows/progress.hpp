#pragma once
// How a workflow reports its progress and asks whether to stop. Workflows know nothing of the
// console; the wizards adapt this to the console's progress service (wizards/progress_adapter).
#include <cstdint>
#include <string_view>

namespace arbor::km::workflows {

class progress {
 public:
  virtual ~progress() = default;
  /// A new phase of `total` steps begins (the previous one, if any, has ended).
  virtual void phase(std::string_view label, std::uint64_t total) = 0;
  /// One more step of the current phase is done.
  virtual void step(std::string_view note) = 0;
  /// Whether the operator asked to stop. Workflows ask only before their point of no return.
  virtual bool cancelled() const = 0;
};

/// A progress nobody watches: never cancelled. For callers with no console (tests, benchmarks).
class silent_progress final : public progress {
 public:
  void phase(std::string_view, std::uint64_t) override {}
  void step(std::string_view) override {}
  bool cancelled() const override { return false; }
};

}  // namespace arbor::km::workflows
