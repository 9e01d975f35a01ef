#pragma once
// The transfer files waiting in the KMSData directory, for the Import File page to offer: each
// regular file's name, size and modification time, and the short code of the server that signed
// it, read from its first object only (transfer_reader::preview, bounded by the reader's object
// limit). A file that cannot be imported here is listed with the reason. The Key Manager's own
// files (the database directory, kms.crt, sealed keys), dot files and the temporary files of
// interrupted exports are not candidates and are never opened; a symbolic link, a directory or
// a FIFO is skipped without being opened.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "instance/key_manager.hpp"
#include "instance/vault.hpp"

namespace arbor::km::workflows {

struct listed_transfer {
  std::string name;  // as it is on disk (may hold any byte: the console escapes what it shows)
  std::uintmax_t size = 0;
  std::chrono::sys_seconds modified;
  std::string source_code;  // the signer's short code, grouped ("K7QM-3XPA"); empty when unreadable
  std::string problem;      // why it cannot be imported here; empty when it can be
};

struct listing_limits {
  std::size_t max_files = 20;                         // the newest this many are read
  std::size_t max_object_bytes = std::size_t{64} << 20;  // the reader's bound on the first object
};

// Lists the directory as often as asked (a wizard page prepared again while the operator types):
// a file unchanged since the last listing (same name, size and time) is not read again, and a
// signer's short code (an Argon2id evaluation, ~0.5 s) is computed once per signer.
class transfer_listing {
 public:
  explicit transfer_listing(listing_limits limits = {}) : limits_(limits) {}

  // The candidates in `kms`'s KMSData directory, newest first, at most limits.max_files of
  // them. Never throws for one file's content: its problem says what is wrong.
  std::vector<listed_transfer> list(key_manager& kms, const opened_vault& keys);
  // How many candidates the last list() found in all (more than it returned when over the limit).
  std::size_t found() const noexcept { return found_; }

 private:
  void read(key_manager& kms, const opened_vault& keys, listed_transfer& file);

  listing_limits limits_;
  std::size_t found_ = 0;
  std::vector<listed_transfer> last_;
  std::map<std::string, std::string> codes_;  // signer SHA-256 -> short code
};

}  // namespace arbor::km::workflows
