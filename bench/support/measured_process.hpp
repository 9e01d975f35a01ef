#pragma once
// Each benchmarked step runs in a process of its own, so its peak memory is its own: fork (or the
// openssl tool through bash) and wait4(), which reports the child's CPU time and peak RSS.
#include <cstdint>
#include <functional>
#include <string>

namespace arbor::km::bench {

// What one child process used: wall time, CPU time (user + system: the machine may be shared, so
// CPU time is the steadier figure) and peak RSS.
struct measured {
  double seconds = 0;
  double cpu_seconds = 0;
  double peak_rss_mib = 0;
};

// Runs `work` in a child process; throws naming `what` unless it exits with status 0.
measured in_child(const std::string& what, const std::function<void()>& work);
// Runs a bash command line in a child process, as in_child.
measured command(const std::string& line);
// This process so far: CPU time (user + system) and peak RSS; wall time is left at 0.
measured own_usage();

// The task's own memory, without the login's: an administrator's login runs Argon2id at 64 MiB
// (docs/key-protection.md), which then dominates the process's peak. reset_peak_rss() starts the
// kernel's high-water mark again from what is resident now (/proc/self/clear_refs), and
// peak_rss_since_reset_mib() reads it (VmHWM; before any reset, the process's peak). wait4() then
// reports the peak since the reset too, so the benchmarks print both.
void reset_peak_rss();
double peak_rss_since_reset_mib();

// One line for a measured step of `users` users: wall, CPU, users/s, peak RSS.
void print_step(const char* label, const measured& m, double users);
double mib(std::uintmax_t bytes);

}  // namespace arbor::km::bench
