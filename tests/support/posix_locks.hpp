#pragma once
// Whether a process holds a POSIX (fcntl) lock on a file, as /proc/locks shows it: SQLite's shared
// lock on a database it has open in WAL mode, which closing any other descriptor of the file
// silently drops (SQLite's "How To Corrupt An SQLite Database File", 2.2).
#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace arbor::testing {

inline bool holds_posix_lock(pid_t pid, const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  const std::string inode = ":" + std::to_string(st.st_ino);
  std::ifstream locks("/proc/locks");
  for (std::string line; std::getline(locks, line);) {
    std::istringstream fields(line);
    std::string number, type, advisory, mode, owner, device;
    fields >> number >> type >> advisory >> mode >> owner >> device;
    if (type == "POSIX" && owner == std::to_string(pid) && device.size() > inode.size() &&
        device.compare(device.size() - inode.size(), inode.size(), inode) == 0)
      return true;
  }
  return false;
}

}  // namespace arbor::testing
