#pragma once
// Template body of guarded(), kept apart so sdk_error.hpp reads as an interface.
#include <exception>
#include <string>

namespace arbor::km::wizards {

template <class Work>
auto guarded(const char* what, Work&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const error& e) {
    return to_sdk_error(e);
  } catch (const std::exception& e) {
    return sdk::fail(sdk::reason::internal,
                     std::string("The Key Manager failed while ") + what + ": " + e.what(), e.what());
  }
}

}  // namespace arbor::km::wizards
