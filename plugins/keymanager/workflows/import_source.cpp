#include "workflows/import_source.hpp"

#include <chrono>

#include "common/km_error.hpp"

namespace arbor::km::workflows {
namespace {

// A reader of `file` as this server, checking expiry against the Key Manager's clock.
transfer::transfer_reader import_reader(key_manager& kms, const opened_vault& keys, const import_file& file) {
  const km::clock& clock = kms.clock();
  return transfer::transfer_reader(file.path(), keys.identity(), [&clock] { return clock.now(); });
}

}  // namespace

import_source::import_source(key_manager& kms, const opened_vault& keys, import_file file)
    : file_(std::move(file)), source_(import_reader(kms, keys, file_).preview()) {
  signer_ = {source_.certificate.subject(), crypto::with_colons(crypto::sha1_hex(source_.certificate)),
             crypto::with_colons(source_.sha256), source_.transfer_id};
}

crypto::thumbprint_check import_source::compare(std::string_view typed) const {
  return crypto::check_thumbprint(typed, source_.certificate, codes_);
}

accepted_source::accepted_source(const import_source& source, std::string_view typed, const thumbprint_words& words)
    : file_(source.file()), sha256_(source.sha256_hex()) {
  const auto check = source.compare(typed);
  if (check.verdict == crypto::thumbprint_verdict::mismatch)
    throw error(errc::bad_input,
                words(check.reason, true) + " The file was not signed by the server you expect: do not import it.");
  if (!check.matched()) throw error(errc::bad_input, words(check.reason, false));
}

transfer::transfer_reader accepted_source::reader(key_manager& kms, const opened_vault& keys) const {
  auto pinned = import_reader(kms, keys, file_);
  pinned.decide_signer_with([accepted = sha256_](const std::string& sha256) {
    if (sha256 != accepted) {
      throw error(errc::bad_input, "the file is now signed by another server (certificate " +
                                       crypto::with_colons(sha256) +
                                       ") than the one accepted earlier; it was replaced; start the import again");
    }
  });
  return pinned;
}

}  // namespace arbor::km::workflows
