#pragma once
// Runs the real `arbor` binary (ARBOR_EXE, set by CMake) and captures its exit code and output.
// stdin is /dev/null, so arbor never waits for a terminal.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace arbor::test {

struct arbor_result {
  int exit_code{-1};
  std::string out;
  std::string err;
};

/// Runs arbor with `args`. When `fd_input` is given, the child gets a pipe holding it on a
/// descriptor whose number replaces every "{fd}" in `args` (for --password-fd).
inline arbor_result run_arbor(std::vector<std::string> args, std::optional<std::string> fd_input = std::nullopt) {
  char out_name[] = "/tmp/arbor-e2e-out-XXXXXX";
  char err_name[] = "/tmp/arbor-e2e-err-XXXXXX";
  const int out_fd = ::mkstemp(out_name);
  const int err_fd = ::mkstemp(err_name);
  int pipe_fds[2] = {-1, -1};
  if (out_fd < 0 || err_fd < 0 || (fd_input && ::pipe(pipe_fds) != 0)) throw std::runtime_error("cannot set up arbor's output");
  if (fd_input) {
    for (std::string& arg : args)
      if (arg == "{fd}") arg = std::to_string(pipe_fds[0]);
    if (::write(pipe_fds[1], fd_input->data(), fd_input->size()) != static_cast<ssize_t>(fd_input->size()))
      throw std::runtime_error("cannot fill the password pipe");
    ::close(pipe_fds[1]);
  }

  const pid_t child = ::fork();
  if (child == 0) {
    const int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    std::vector<char*> argv{const_cast<char*>(ARBOR_EXE)};
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::setsid();  // no controlling terminal: arbor must never prompt in a test
    ::execv(ARBOR_EXE, argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  if (fd_input) ::close(pipe_fds[0]);
  ::close(out_fd);
  ::close(err_fd);

  auto slurp = [](const char* name) {
    std::ifstream in(name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    ::unlink(name);
    return text.str();
  };
  arbor_result result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_name);
  result.err = slurp(err_name);
  return result;
}

}  // namespace arbor::test
