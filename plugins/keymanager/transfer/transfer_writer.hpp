#pragma once
// Writing a transfer file: users go in one at a time, are encoded into a bounded, self-wiping
// buffer, and each time it fills the buffer is sealed (signed, then encrypted) and appended to
// the file as one segment, on a second thread (segment_sealer.hpp) while the next one fills.
// finish() adds the signed trailer and moves the file into place. Memory stays at about three
// segments whatever the number of users. Format: docs/transfer-format.md.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "common/staged_file.hpp"
#include "crypto/certificate.hpp"
#include "crypto/file_digest.hpp"
#include "crypto/server_identity.hpp"
#include "transfer/payload_head.hpp"
#include "common/secret.hpp"
#include "transfer/segment_chain.hpp"
#include "transfer/segment_sealer.hpp"
#include "transfer/encoded_user.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::transfer {

using clock_fn = std::function<std::chrono::sys_seconds()>;

// Tunables of a writer; the defaults are what exports use.
struct writer_limits {
  // Payload bytes per segment. A user whose record alone is larger gets a segment of their own.
  std::size_t segment_bytes = std::size_t{1} << 20;
  // How long the destination may import the file (expires_at = created_at + lifetime). Readers
  // refuse a file with more than max_lifetime.
  std::chrono::seconds lifetime = max_lifetime;
};

// A fresh random 128-bit transfer id, 32 lowercase hex digits.
std::string new_transfer_id();

class transfer_writer {
 public:
  // Creates `file` under a temporary name (0600) beside it. `source` and `destination` must
  // outlive the writer. The caller has checked both (workflows/export_file_name.hpp,
  // workflows/destination.hpp): the writer only writes. Throws errc::bad_input for a malformed
  // transfer id, errc::io when the directory is not writable; finish() refuses (errc::conflict)
  // a file that exists by then.
  transfer_writer(const std::filesystem::path& file, const crypto::server_identity& source,
                  const crypto::certificate& destination,
                  std::string transfer_id, clock_fn clock, writer_limits limits = {});
  // An unfinished writer removes its temporary file: no partial transfer file is ever left.
  ~transfer_writer() = default;
  transfer_writer(const transfer_writer&) = delete;
  transfer_writer& operator=(const transfer_writer&) = delete;

  void add_user(const user_record& user);
  // The same, encoded already (on another thread, say); users are written in the order added.
  void add_user(const encoded_user& user);
  // Called once the complete file is on disk under its temporary name, before it is linked into
  // place, with what the trailer says and the SHA-256 of the whole file (the export journal
  // records both).
  using before_placing_fn = std::function<void(const trailer_facts&, const std::string& file_sha256)>;
  // Seals the last segment and the trailer, fsyncs, calls `before_placing`, links the file to its
  // final name (refusing an existing file) and fsyncs the directory. Returns what the trailer says.
  trailer_facts finish(const before_placing_fn& before_placing = {});

  const std::filesystem::path& path() const noexcept { return file_.final_path(); }

 private:
  void seal_segment();
  void seal_and_write(const secret& segment);  // on the sealing thread
  void append(std::span<const std::uint8_t> bytes);  // to the file and its digest

  const crypto::server_identity& source_;
  const crypto::certificate& destination_;
  clock_fn clock_;
  writer_limits limits_;
  segment_header header_;
  staged_file file_;
  crypto::sha256_stream file_digest_;  // sealing thread until drained
  secret segment_;
  segment_chain chain_;      // sealing thread until drained
  std::int64_t sealed_ = 0;  // sealing thread until drained
  std::int64_t users_ = 0;
  std::int64_t keys_ = 0;
  bool finished_ = false;
  segment_sealer sealer_;  // last: stopped before anything it uses is destroyed
};

}  // namespace arbor::km::transfer
