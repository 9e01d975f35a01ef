#pragma once
// Ctrl-C in scripted mode: the first SIGINT only sets a flag that the wizard runner and the
// progress service report as cancellation, so a task stops where stopping is safe.
namespace arbor::host::cli {

/// Installs the SIGINT handler (without SA_RESTART, so a blocking read returns EINTR).
void install_interrupt_handler();

/// True once SIGINT arrived.
bool interrupted() noexcept;

}  // namespace arbor::host::cli
