#pragma once
// Who signed a transfer file, and the operator's acceptance of that signer: the thumbprint or
// short code the source's administrator read out, compared with the file's signer once. The
// plan and the import take an accepted_source, so no pass reads a file from another signer.
#include <functional>
#include <string>
#include <string_view>

#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "instance/key_manager.hpp"
#include "instance/vault.hpp"
#include "transfer/transfer_reader.hpp"
#include "workflows/import_file.hpp"

namespace arbor::km::workflows {

// The signer as the operator is shown it.
struct import_signer {
  std::string subject;
  std::string sha1;    // uppercase hex pairs with colons, as `openssl x509 -fingerprint` prints them
  std::string sha256;  // the same
  std::string transfer_id;
};

// The signer of a file, read once (the first object is decrypted: every refusal of
// transfer_reader::preview, such as a file for another server or this server's own export).
class import_source {
 public:
  import_source(key_manager& kms, const opened_vault& keys, import_file file);

  const import_file& file() const noexcept { return file_; }
  const import_signer& signer() const noexcept { return signer_; }
  const std::string& sha256_hex() const noexcept { return source_.sha256; }
  // What the operator typed, compared with the signer; the short code is computed once per source.
  crypto::thumbprint_check compare(std::string_view typed) const;

 private:
  import_file file_;
  transfer::transfer_source source_;
  import_signer signer_;
  mutable crypto::short_code_memo codes_;  // ~0.5 s an evaluation
};

// Words for a refused thumbprint, from the caller (they name where the operator finds the code):
// the check's reason, and whether the text was well formed but another certificate's.
using thumbprint_words = std::function<std::string(std::string_view reason, bool another_certificate)>;

// A source whose signer the operator confirmed: the only way to the plan and the import.
class accepted_source {
 public:
  // errc::bad_input with `words` for the refusal when `typed` does not match the signer; a
  // mismatch adds that the file must not be imported.
  accepted_source(const import_source& source, std::string_view typed, const thumbprint_words& words);

  const import_file& file() const noexcept { return file_; }
  const std::string& sha256_hex() const noexcept { return sha256_; }

  // A reader of the file that refuses it (errc::bad_input) when another server signed it: the
  // file was replaced since the operator accepted its signer.
  transfer::transfer_reader reader(key_manager& kms, const opened_vault& keys) const;

 private:
  import_file file_;
  std::string sha256_;
};

}  // namespace arbor::km::workflows
