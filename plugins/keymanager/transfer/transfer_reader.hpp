#pragma once
// Reading a transfer file addressed to this server. Three passes serve the import:
//   preview()  opens only the first object and returns who signed the file, so the operator can
//              compare the source server's subject and thumbprints before going on;
//   verify()   reads everything and checks everything, delivering nothing;
//   read()     the same checks, delivering users one at a time; the trailer is only checked at
//              the end, so the caller imports inside a transaction it rolls back on a throw.
// Every object is checked before any byte of it is used (docs/transfer-format.md, "Checks").
// Memory is bounded by one segment, whatever the size of the file.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "crypto/certificate.hpp"
#include "crypto/server_identity.hpp"
#include "transfer/payload_head.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::transfer {

// Tunables of a reader.
struct reader_limits {
  // Largest object accepted: a bound on memory against a hostile file. Well above what a writer
  // with the default segment size produces, leaving room for one user with a long history.
  std::size_t max_object_bytes = std::size_t{64} << 20;
};

// Who signed a file: the source server's certificate (trusting it is the caller's decision),
// its SHA-256 thumbprint (lowercase hex), and the transfer id.
struct transfer_source {
  crypto::certificate certificate;
  std::string sha256;
  std::string transfer_id;
};

// The outcome of a full pass: the verified trailer and the source that signed everything.
struct transfer_summary {
  transfer_source source;
  trailer_facts trailer;
};

class transfer_reader {
 public:
  // `self` is this server's identity (the file must be encrypted to it); `self` must outlive the
  // reader. `clock` is asked once per full pass, for the expiry check.
  transfer_reader(std::filesystem::path file, const crypto::server_identity& self,
                  std::function<std::chrono::sys_seconds()> clock,
                  reader_limits limits = {});

  transfer_source preview() const;
  transfer_summary verify() const;
  transfer_summary read(const std::function<void(user_record&&)>& on_user) const;

  // The caller's decision about the signer, asked in every later pass as soon as the signature of
  // object 0 is verified, before anything else of the file is used: `decide` throws to refuse the
  // file (an import pins the signer its operator accepted, in case the file is replaced between
  // passes).
  using signer_decision = std::function<void(const std::string& sha256)>;
  void decide_signer_with(signer_decision decide) { decide_signer_ = std::move(decide); }

 private:
  transfer_summary pass(const std::function<void(user_record&&)>* on_user) const;

  std::filesystem::path file_;
  const crypto::server_identity& self_;
  std::function<std::chrono::sys_seconds()> clock_;
  reader_limits limits_;
  signer_decision decide_signer_;
};

}  // namespace arbor::km::transfer
