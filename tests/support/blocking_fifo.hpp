#pragma once
// A FIFO where a regular file is expected: opening it for reading blocks until a writer comes,
// and a reader that waits for it hangs the whole task. Tests hand its path to a reader and check
// the reader refuses it at once, without hanging the test when it does not.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <future>
#include <string>

#include "temporary_directory.hpp"

namespace arbor::testing {

class blocking_fifo {
 public:
  // Makes the FIFO `name` in a directory of its own, removed with it.
  explicit blocking_fifo(const std::string& name) : path_(dir_ / name) {
    BOOST_REQUIRE(::mkfifo(path_.c_str(), 0600) == 0);
  }
  const std::filesystem::path& path() const noexcept { return path_; }

  // Runs `read` (which returns the outcome as text) on another thread. If it is still blocked
  // after two seconds, that is reported as an error and the reader is released by opening the
  // FIFO's writing end and closing it (end of file), so the test goes on.
  template <class Read>
  std::string outcome_of(Read read) const {
    auto outcome = std::async(std::launch::async, read);
    if (outcome.wait_for(std::chrono::seconds(2)) == std::future_status::timeout) {
      BOOST_ERROR("the reader blocked on the FIFO " << path_);
      while (outcome.wait_for(std::chrono::milliseconds(50)) == std::future_status::timeout) {
        const int fd = ::open(path_.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) ::close(fd);
      }
    }
    return outcome.get();
  }

 private:
  temporary_directory dir_;
  std::filesystem::path path_;
};

}  // namespace arbor::testing
