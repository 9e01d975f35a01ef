#pragma once
// The answers of `arbor run`: the JSON answer file, then each --set in order on top.
#include "host/console/answer_set.hpp"

#include <arbor/sdk/error.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace arbor::host::cli {

/// Parses answer-file text: {"page": {"field": "text" | ["a", "b"] | true}}. Errors
/// (invalid_input) name `source`, and the page and field of a value of the wrong shape; a key
/// given twice in one object is refused rather than letting the last one win.
sdk::result<answer_set> parse_answers(const std::string& text, const std::string& source);

/// Reads and parses an answer file of at most 1 MiB; a missing file is a not_found error, one
/// that is not a regular file or is too large an invalid_input error.
sdk::result<answer_set> read_answer_file(const std::filesystem::path& file);

/// Applies "page.field=value" (split at the first '.' and the first '='); the value is a string.
sdk::result<void> apply_set(answer_set& answers, const std::string& assignment);

}  // namespace arbor::host::cli
