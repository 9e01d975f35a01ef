#include "csv_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace auditlog {
namespace {

using namespace arbor::sdk;

constexpr std::uint64_t records_per_update = 1000;  // a progress update per record would cost more than the row

error io_error(const std::filesystem::path& file, const char* doing) {
  return fail(reason::failed, "Could not " + std::string(doing) + " " + file.string() + ": " + std::strerror(errno) + ".");
}

/// A temporary file that is removed unless it was kept.
class temp_file {
 public:
  explicit temp_file(const std::filesystem::path& target) : name_(target.string() + ".XXXXXX") {
    fd_ = ::mkstemp(name_.data());  // mode 0600
  }
  ~temp_file() {
    if (fd_ >= 0) ::close(fd_);
    ::unlink(name_.c_str());
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& name() const { return name_; }
  bool write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  bool sync_and_close() {
    const bool synced = ::fsync(fd_) == 0;
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    return synced && closed;
  }

 private:
  std::string name_;
  int fd_{-1};
};

std::string csv_row(const audit_record& r) {
  return utc_time(r.time_s) + ',' + csv_field(r.actor) + ',' + csv_field(r.event) + ',' +
         (r.succeeded ? "success" : "failure") + ',' + csv_field(r.detail) + "\r\n";
}

bool sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string field;
  if (!text.empty() && std::string_view("=+-@").find(text.front()) != std::string_view::npos) field += '\'';
  field += text;
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + '"';
}

std::string utc_time(std::int64_t time_s) {
  const std::time_t t = static_cast<std::time_t>(time_s);
  std::tm parts{};
  char text[32] = "";
  if (::gmtime_r(&t, &parts) != nullptr) std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

result<std::uint64_t> export_csv(audit_trail& trail, const std::vector<credential>& who,
                                 const std::filesystem::path& target, progress* shown) {
  temp_file out(target);
  if (!out.ok()) return io_error(target.parent_path(), "create a file in");
  bool written = out.write("time,actor,event,outcome,detail\r\n");
  bool cancelled = false;
  std::uint64_t rows = 0;
  if (shown) shown->begin("Exporting the audit log", 0);  // total 0: the count is known only at the end
  auto read = trail.read(who, [&](const audit_record& r) {
    if (cancelled) return;  // the trail reads on; nothing more is written, and the file is dropped
    written = written && out.write(csv_row(r));
    if (shown && ++rows % records_per_update == 0) {
      shown->advance(rows, "records written");
      cancelled = shown->cancelled();
    }
  });
  if (shown) shown->end();
  if (!read) return read.error();
  if (cancelled) return fail(reason::cancelled, "The export was cancelled; no file was written.");
  if (!written || !out.sync_and_close()) return io_error(out.name(), "write");
  if (::link(out.name().c_str(), target.c_str()) != 0) {
    if (errno == EEXIST) return fail(reason::conflict, target.string() + " appeared while exporting; nothing was overwritten. Choose another file.");
    return io_error(target, "create");
  }
  if (!sync_directory(target.parent_path())) return io_error(target.parent_path(), "sync the directory");
  return read.value();
}

}  // namespace auditlog
