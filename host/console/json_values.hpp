#pragma once
// Small Boost.JSON values the machine-readable front ends share (`arbor --json`, `arbor web`):
// a list of strings, and a text that is null when empty.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace arbor::host {

inline boost::json::array json_strings(const std::vector<std::string>& items) {
  boost::json::array array;
  for (const std::string& item : items) array.emplace_back(item);
  return array;
}

inline boost::json::value json_optional_text(const std::string& text) {
  return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
}

}  // namespace arbor::host
