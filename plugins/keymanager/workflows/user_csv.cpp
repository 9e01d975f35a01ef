#include "workflows/user_csv.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "common/km_error.hpp"
#include "crypto/file_reader.hpp"

namespace arbor::km::workflows {
namespace {

constexpr std::size_t max_file_bytes = 64 * 1024 * 1024;
constexpr std::size_t max_line_bytes = 64 * 1024;
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
  return new_user(fields[0], fields[1], fields[2], std::move(origin));
}

}  // namespace

namespace {

// The users of one file, a line at a time: memory holds the users read so far and one line.
class user_lines {
 public:
  explicit user_lines(std::string_view source) : source_(source) {}

  // `line` without its '\n'.
  void add(std::string_view line) {
    ++number_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trimmed(line).empty()) return;
    const std::string where = "line " + std::to_string(number_) + " of " + source_;
    try {
      const auto fields = split_fields(line);
      if (!header_seen_) {
        check_header(fields);
        header_seen_ = true;
        return;
      }
      new_user user = user_from(fields, where);
      if (!aliases_.insert(lowercase(user.alias())).second)
        throw broken_line{"the alias '" + user.alias() + "' is given twice in the file"};
      users_.push_back(std::move(user));
    } catch (const broken_line& broken) {
      throw error(errc::bad_input, where + ": " + broken.why + "; nothing of the file was imported.");
    } catch (const error& e) {
      if (e.code() != errc::bad_input) throw;
      throw error(errc::bad_input, std::string(e.what()) + "; nothing of the file was imported.", e.technical());
    }
  }

  // The number the next line gets.
  std::size_t next_number() const noexcept { return number_ + 1; }
  const std::string& source() const noexcept { return source_; }

  std::vector<new_user> finish() && {
    if (!header_seen_) {
      throw error(errc::bad_input, source_ + " is empty: it needs the header line \"alias,display name,email\" and one "
                                             "user a line.");
    }
    return std::move(users_);
  }

 private:
  std::string source_;
  std::vector<new_user> users_;
  std::set<std::string> aliases_;  // lowercase: aliases are unique case-insensitively
  bool header_seen_ = false;
  std::size_t number_ = 0;
};

}  // namespace

std::vector<new_user> parse_user_csv(std::string_view text, std::string_view source) {
  user_lines lines(source);
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    lines.add(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return std::move(lines).finish();
}

std::vector<new_user> read_user_csv(const std::filesystem::path& path) {
  crypto::file_reader file(path);
  file.require_at_most(max_file_bytes);
  user_lines lines(path.filename().string());
  std::string line;  // the line being read, never longer than max_line_bytes
  std::vector<std::uint8_t> chunk(64 * 1024);
  while (const std::size_t got = file.read_some(chunk.data(), chunk.size())) {
    std::string_view rest(reinterpret_cast<const char*>(chunk.data()), got);
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      line.append(rest.substr(0, std::min(end, rest.size())));
      if (line.size() > max_line_bytes) {
        throw error(errc::bad_input, "line " + std::to_string(lines.next_number()) + " of " + lines.source() +
                                         " is longer than 64 KiB, which no user's line is: check that this is the "
                                         "users' CSV file; nothing of the file was imported.");
      }
      if (end == std::string_view::npos) break;
      lines.add(line);
      line.clear();
      rest.remove_prefix(end + 1);
    }
  }
  if (!line.empty()) lines.add(line);
  return std::move(lines).finish();
}

}  // namespace arbor::km::workflows
