#pragma once
// Each benchmarked step runs in a process of its own, so its peak memory is its own: fork (or the
// openssl tool through bash) and wait4(), which reports the child's CPU time and peak RSS.
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

}  // namespace arbor::km::bench
