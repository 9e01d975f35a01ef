#pragma once
// Typed, located access to the fields of a JSON object read with Boost.PropertyTree. PropertyTree
// keeps every scalar as text, so "1" and 1 read alike; objects and arrays are told apart by their
// children's keys. Problems are thrown as field_problem and turned into one message by the caller.
#include <boost/property_tree/ptree.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arbor::host {

/// What is wrong with one field ("api.major"): `problem` completes "field 'api.major' ...",
/// `hint` says what to do.
struct field_problem : std::exception {
  field_problem(std::string field, std::string problem, std::string hint);
  const char* what() const noexcept override { return problem.c_str(); }
  std::string field;
  std::string problem;
  std::string hint;
};

/// One JSON object and its location in the document ("" for the root, "nodes[2]" below it).
class json_object {
 public:
  /// The document's root; throws field_problem when it is not an object.
  static json_object root(const boost::property_tree::ptree& tree);

  /// Whether the object has the field `key` (for optional fields).
  bool has(std::string_view key) const;
  /// A required, non-empty text field. `what` describes the value ("the plugin's display name").
  std::string text(std::string_view key, std::string_view what) const;
  /// A required text field of lower-case letters, digits, '.', '-' and '_'.
  std::string identifier(std::string_view key, std::string_view what) const;
  /// An optional text shown to operators as it is (help texts): empty when absent; refused when
  /// empty, longer than `max_bytes`, not UTF-8, or holding control or bidi characters. Since 1.2.
  std::string optional_display_text(std::string_view key, std::string_view what, std::size_t max_bytes) const;
  /// A required whole number from 0 to 65535.
  std::uint16_t number(std::string_view key, std::string_view what) const;
  /// An optional object whose values are all text, as (key, value) pairs in file order; empty
  /// when absent. Since 1.2.
  std::vector<std::pair<std::string, std::string>> text_pairs(std::string_view key, std::string_view what) const;
  /// A required nested object.
  json_object object(std::string_view key, std::string_view what) const;
  /// An optional array of objects; absent means empty.
  std::vector<json_object> objects(std::string_view key, std::string_view what) const;
  /// Rejects keys outside `known`; keys starting with '_' are comments and always allowed.
  void allow_only(std::initializer_list<std::string_view> known) const;

  /// The full name of one of this object's fields, as used in messages ("actions[1].slot").
  std::string field(std::string_view key) const;

 private:
  json_object(const boost::property_tree::ptree& node, std::string location);
  const boost::property_tree::ptree& required(std::string_view key, std::string_view what) const;
  const boost::property_tree::ptree& node_;
  std::string location_;
};

/// How deeply arrays and objects nest in `text` (brackets inside strings do not count). Checked
/// before parsing so a hostile file cannot exhaust the recursive parser's stack.
std::size_t nesting_depth(std::string_view text) noexcept;

}  // namespace arbor::host
