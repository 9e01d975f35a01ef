#include "transfer/transfer_writer.hpp"

#include <openssl/rand.h>

#include <algorithm>

#include "common/failpoint.hpp"
#include "common/km_error.hpp"
#include "common/hex.hpp"
#include "crypto/thumbprint.hpp"
#include "crypto/cms_seal.hpp"
#include "transfer/record_codec.hpp"

namespace arbor::km::transfer {
namespace {

std::string checked_transfer_id(std::string id) {
  const bool ok = id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
                    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                  });
  if (!ok) {
    throw error(errc::bad_input, "a transfer id must be 32 lowercase hex digits",
                "got \"" + id + "\"");
  }
  return id;
}

}  // namespace

std::string new_transfer_id() {
  std::uint8_t raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) {
    throw error(errc::internal, "could not draw random bytes for a transfer id");
  }
  return km::to_hex(raw);
}

transfer_writer::transfer_writer(const std::filesystem::path& file,
                                 const crypto::server_identity& source,
                                 const crypto::certificate& destination, std::string transfer_id,
                                 clock_fn clock, writer_limits limits)
    : source_(source),
      destination_(destination),
      clock_(std::move(clock)),
      limits_(limits),
      header_{checked_transfer_id(std::move(transfer_id)), 0, crypto::sha256_hex(source.cert()),
              crypto::sha256_hex(destination)},
      file_(file),
      sealer_([this](const secret& segment) { seal_and_write(segment); }) {
  segment_.reserve(limits.segment_bytes);
}

void transfer_writer::add_user(const user_record& user) { add_user(encoded_user(user)); }

void transfer_writer::add_user(const encoded_user& user) {
  if (finished_) throw error(errc::internal, "add_user called on a finished transfer file");
  if (!segment_.empty() && segment_.size() + user.line().size() > limits_.segment_bytes) {
    seal_segment();
  }
  if (segment_.empty()) segment_.append(encode_segment_header(header_));
  segment_.append(user.line());
  ++users_;
  keys_ += static_cast<std::int64_t>(user.keys());
  if (segment_.size() >= limits_.segment_bytes) seal_segment();
}

void transfer_writer::seal_segment() {
  sealer_.submit(segment_);
  ++header_.index;
}

void transfer_writer::seal_and_write(const secret& segment) {
  chain_.add(segment.view());
  append(crypto::seal_payload(segment.view(), source_.cert(), source_.key(), destination_));
  if (++sealed_ == 1) failpoint("export-mid-file");
}

void transfer_writer::append(std::span<const std::uint8_t> bytes) {
  file_.write(bytes);
  file_digest_.update(bytes);
}

trailer_facts transfer_writer::finish(const before_placing_fn& before_placing) {
  if (finished_) throw error(errc::internal, "finish called twice on a transfer file");
  if (!segment_.empty()) seal_segment();
  sealer_.drain();
  trailer_facts trailer;
  trailer.transfer_id = header_.transfer_id;
  trailer.created_at = clock_();
  trailer.expires_at = trailer.created_at + limits_.lifetime;
  trailer.source_sha256 = header_.source_sha256;
  trailer.destination_sha256 = header_.destination_sha256;
  trailer.segments = header_.index;
  trailer.users = users_;
  trailer.keys = keys_;
  trailer.segments_sha256 = chain_.hex();
  append(crypto::seal_payload(encode_trailer(trailer), source_.cert(), source_.key(), destination_));
  const std::string file_sha256 = file_digest_.hex();
  file_.place(0600, if_exists::refuse, [&] {
    if (before_placing) before_placing(trailer, file_sha256);
  });
  finished_ = true;
  return trailer;
}

}  // namespace arbor::km::transfer
