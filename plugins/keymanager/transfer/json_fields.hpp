#pragma once
// Typed, checked access to the fields of a payload object: each getter throws errc::corrupt
// naming the field and the object it belongs to, so a damaged file says what is wrong.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace arbor::km::transfer {

class json_fields {
 public:
  // `where` names the object in messages, e.g. "the trailer" or "user record 12 of segment 3".
  json_fields(const boost::json::object& object, std::string where)
      : object_(object), where_(std::move(where)) {}

  // A view into the object's own (wiping) storage: use it for key material.
  std::string_view text_view(std::string_view key) const;
  std::string text(std::string_view key) const { return std::string(text_view(key)); }
  std::int64_t integer(std::string_view key) const;
  // A UTC time written as RFC 3339 with whole seconds ("2025-03-01T12:00:00Z"), nothing else.
  std::chrono::sys_seconds time(std::string_view key) const;
  const boost::json::array& array(std::string_view key) const;
  const std::string& where() const noexcept { return where_; }

 private:
  const boost::json::value& field(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, std::string_view problem) const;

  const boost::json::object& object_;
  std::string where_;
};

}  // namespace arbor::km::transfer
