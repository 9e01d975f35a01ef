#pragma once
// Where the Key Manager's exceptions meet the console: km::error codes become SDK reasons, and
// nothing else escapes a wizard.
#include "common/km_error.hpp"
#include "workflows/unusable_settings.hpp"

#include <string>

#include <arbor/sdk/error.hpp>

namespace arbor::km::wizards {

/// The SDK reason for a Key Manager error code.
sdk::reason to_reason(errc code) noexcept;

/// Where on the console the settings of `which` are set, in the words operators read.
std::string settings_hint(workflows::unusable_settings::group which);

/// What the operator reads for `e`: its message, or for settings that must be set (again)
/// (workflows/unusable_settings.hpp), where on the console to set them.
std::string operator_message(const error& e);

/// The SDK error for a Key Manager error (operator_message and technical detail).
sdk::error to_sdk_error(const error& e);

/// Runs `work`, turning a km::error into its SDK error and any other exception into an internal
/// error that names `what` was being done.
template <class Work>
auto guarded(const char* what, Work&& work) -> decltype(work());

}  // namespace arbor::km::wizards

#include "wizards/sdk_error_inl.hpp"
