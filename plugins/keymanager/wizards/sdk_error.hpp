#pragma once
// Where the Key Manager's exceptions meet the console: km::error codes become SDK reasons, and
// nothing else escapes a wizard.
#include "common/km_error.hpp"

#include <arbor/sdk/error.hpp>

namespace arbor::km::wizards {

/// The SDK reason for a Key Manager error code.
sdk::reason to_reason(errc code) noexcept;

/// The SDK error for a Key Manager error (message and technical detail kept).
sdk::error to_sdk_error(const error& e);

/// Runs `work`, turning a km::error into its SDK error and any other exception into an internal
/// error that names `what` was being done.
template <class Work>
auto guarded(const char* what, Work&& work) -> decltype(work());

}  // namespace arbor::km::wizards

#include "wizards/sdk_error_inl.hpp"
