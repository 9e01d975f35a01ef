#pragma once
// The exit codes of `arbor`, as documented in `arbor --help` and docs/operator-guide.md.
namespace arbor::host::cli {

/// Process exit status. 1 is left to the C++ runtime (an escaped exception: a bug in arbor).
enum class exit_code : int {
  success = 0,
  usage = 2,       ///< bad command line, unknown path or action, unreadable answer file
  validation = 3,  ///< answers refused, or a page's validation failed
  plugin = 4,      ///< a plugin cannot be loaded, is incompatible, or threw
  task = 5,        ///< the task ran and returned an error
  cancelled = 6,   ///< the operator or the task cancelled
};

}  // namespace arbor::host::cli
