#include "transfer/json_fields.hpp"

#include "common/km_error.hpp"
#include "common/utc_time.hpp"

namespace arbor::km::transfer {

void json_fields::fail(std::string_view key, std::string_view problem) const {
  throw error(errc::corrupt, "the transfer file is damaged: field \"" + std::string(key) +
                                 "\" of " + where_ + " " + std::string(problem));
}

const boost::json::value& json_fields::field(std::string_view key) const {
  const boost::json::value* v = object_.if_contains(key);
  if (v == nullptr) fail(key, "is missing");
  return *v;
}

std::string_view json_fields::text_view(std::string_view key) const {
  const boost::json::value& v = field(key);
  if (!v.is_string()) fail(key, "is not a string");
  return v.get_string();
}

std::int64_t json_fields::integer(std::string_view key) const {
  const boost::json::value& v = field(key);
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.get_uint64());
  }
  fail(key, "is not an integer");
}

std::chrono::sys_seconds json_fields::time(std::string_view key) const {
  const auto when = parse_utc_rfc3339(text_view(key));
  if (!when) fail(key, "is not a UTC time like 2025-03-01T12:00:00Z");
  return *when;
}

const boost::json::array& json_fields::array(std::string_view key) const {
  const boost::json::value& v = field(key);
  if (!v.is_array()) fail(key, "is not an array");
  return v.get_array();
}

}  // namespace arbor::km::transfer
