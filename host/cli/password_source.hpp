#pragma once
// Where scripted mode reads passwords: lines of --password-file, lines of --password-fd, or the
// terminal with echo off. Each secret field, in page order, and each secret prompt of a running
// task takes the next one.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/services.hpp>

#include <deque>
#include <filesystem>
#include <optional>

namespace arbor::host::cli {

/// The secret prompt of scripted mode; also feeds the wizard's secret fields.
class password_source final : public sdk::secret_prompt {
 public:
  /// Reads every line of `file` now (the newline, and a carriage return before it, dropped).
  static sdk::result<password_source> from_file(const std::filesystem::path& file);
  /// Reads lines from `fd` as they are needed; the descriptor is not closed.
  static password_source from_fd(int fd);
  /// Asks on the controlling terminal, if there is one.
  static password_source from_terminal();

  std::optional<sdk::secret_text> ask(std::string_view label) override;

 private:
  enum class origin : unsigned char { lines = 1, fd, terminal };
  explicit password_source(origin from, int fd = -1) : from_(from), fd_(fd) {}

  std::optional<sdk::secret_text> read_fd_line(int fd) const;
  std::optional<sdk::secret_text> ask_terminal(std::string_view label) const;

  origin from_;
  int fd_;
  std::deque<sdk::secret_text> lines_;
};

}  // namespace arbor::host::cli
