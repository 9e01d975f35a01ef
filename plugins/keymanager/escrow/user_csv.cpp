#include "escrow/user_csv.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "common/km_error.hpp"
#include "crypto/file_reader.hpp"

namespace arbor::km::escrow {
namespace {

constexpr std::size_t max_file_bytes = 64 * 1024 * 1024;
constexpr std::size_t field_count = 3;

// A broken line: thrown inside parse_user_csv and prefixed there with where it is.
struct broken_line {
  std::string why;
};

std::string trimmed(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A quoted field starting after its opening quote at `i`; leaves `i` after the closing quote.
std::string quoted_field(std::string_view line, std::size_t& i) {
  std::string field;
  for (;;) {
    if (i >= line.size()) throw broken_line{"a quoted field is not closed"};
    if (line[i] == '"') {
      if (i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        i += 2;
        continue;
      }
      ++i;
      break;
    }
    field += line[i++];
  }
  while (i < line.size() && line[i] == ' ') ++i;
  if (i < line.size() && line[i] != ',') throw broken_line{"there is text after a closing quote"};
  return field;
}

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  for (;;) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      fields.push_back(quoted_field(line, i));
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      const std::string_view field = line.substr(i, end - i);
      if (field.find('"') != std::string_view::npos) throw broken_line{"a quote is inside an unquoted field"};
      fields.push_back(trimmed(field));
      i = end;
    }
    if (i >= line.size()) return fields;
    ++i;  // the comma
  }
}

void check_header(const std::vector<std::string>& fields) {
  const bool ok = fields.size() == field_count && lowercase(fields[0]) == "alias" &&
                  lowercase(fields[1]) == "display name" &&
                  (lowercase(fields[2]) == "email" || lowercase(fields[2]) == "e-mail");
  if (!ok) throw broken_line{"the first line must be the header \"alias,display name,email\""};
}

new_user user_from(const std::vector<std::string>& fields, std::string origin) {
  if (fields.size() != field_count) {
    throw broken_line{"expected 3 fields (alias,display name,email), found " + std::to_string(fields.size())};
  }
  return {fields[0], fields[1], fields[2], std::move(origin)};
}

}  // namespace

std::vector<new_user> parse_user_csv(std::string_view text, std::string_view source) {
  std::vector<new_user> users;
  std::set<std::string> aliases;  // lowercase: aliases are unique case-insensitively
  bool header_seen = false;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trimmed(line).empty()) continue;
    const std::string where = "line " + std::to_string(number) + " of " + std::string(source);
    try {
      const auto fields = split_fields(line);
      if (!header_seen) {
        check_header(fields);
        header_seen = true;
        continue;
      }
      new_user user = user_from(fields, where);
      check_new_user(user);
      if (!aliases.insert(lowercase(user.alias)).second)
        throw broken_line{"the alias '" + user.alias + "' is given twice in the file"};
      users.push_back(std::move(user));
    } catch (const broken_line& broken) {
      throw error(errc::bad_input, where + ": " + broken.why + "; nothing of the file was imported.");
    } catch (const error& e) {
      if (e.code() != errc::bad_input) throw;
      throw error(errc::bad_input, std::string(e.what()) + "; nothing of the file was imported.", e.technical());
    }
  }
  if (!header_seen) {
    throw error(errc::bad_input, std::string(source) +
                                     " is empty: it needs the header line \"alias,display name,email\" and one user a line.");
  }
  return users;
}

std::vector<new_user> read_user_csv(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = crypto::read_file(path, max_file_bytes);
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return parse_user_csv(text, path.filename().string());
}

}  // namespace arbor::km::escrow
