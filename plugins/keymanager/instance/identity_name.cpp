#include "instance/identity_name.hpp"

#include <algorithm>

namespace arbor::km {
namespace {

constexpr std::string_view prefix = "Key Management Service (";
constexpr std::string_view suffix = ")";
constexpr std::size_t max_name = 64;  // RFC 5280's upper bound for a common name
constexpr std::size_t max_host = 16;
constexpr std::string_view cut = "...";

// A path can hold any byte but NUL, a host name what its resolver allowed: the certificate gets
// plain text.
std::string sanitised(std::string_view text) {
  std::string out(text);
  std::replace_if(out.begin(), out.end(), [](char c) { return c < 0x20 || c > 0x7e; }, '_');
  return out;
}

std::string keep_end(std::string text, std::size_t room) {
  if (text.size() <= room) return text;
  return std::string(cut) + text.substr(text.size() - (room - cut.size()));
}

}  // namespace

std::string default_identity_name(std::string_view host, const std::filesystem::path& dir) {
  const std::string short_host = sanitised(host.substr(0, std::min(host.find('.'), max_host)));
  const std::string where = short_host.empty() ? "" : short_host + ":";
  const std::size_t room = max_name - prefix.size() - suffix.size() - where.size();
  return std::string(prefix) + where + keep_end(sanitised(dir.string()), room) + std::string(suffix);
}

}  // namespace arbor::km
