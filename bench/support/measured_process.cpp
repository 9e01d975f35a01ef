#include "measured_process.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

namespace arbor::km::bench {
namespace {

double seconds_of(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

}  // namespace

measured in_child(const std::string& what, const std::function<void()>& work) {
  std::fflush(nullptr);  // or the child would print what the parent has buffered again
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    int status = 0;
    try {
      work();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", what.c_str(), e.what());
      status = 1;
    }
    std::fflush(nullptr);
    ::_exit(status);
  }
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(what + " failed");
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime),
          static_cast<double>(usage.ru_maxrss) / 1024.0};  // KiB on Linux
}

measured command(const std::string& line) {
  return in_child(line, [&] {
    ::execl("/bin/bash", "bash", "-c", line.c_str(), static_cast<char*>(nullptr));
    throw std::runtime_error("exec failed");
  });
}

measured own_usage() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return {0, seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime), static_cast<double>(usage.ru_maxrss) / 1024.0};
}

void reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  if (!clear.flush()) throw std::runtime_error("could not reset the peak RSS (/proc/self/clear_refs)");
}

double peak_rss_since_reset_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;  // kB
  }
  throw std::runtime_error("no VmHWM in /proc/self/status");
}

void print_step(const char* label, const measured& m, double users) {
  std::printf("%-22s %.2f s (CPU %.2f s)  %.0f users/s  peak RSS %.1f MiB\n", label, m.seconds, m.cpu_seconds,
              users / m.seconds, m.peak_rss_mib);
}

double mib(std::uintmax_t bytes) { return static_cast<double>(bytes) / 1048576.0; }

}  // namespace arbor::km::bench
