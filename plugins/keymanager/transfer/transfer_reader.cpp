#include "transfer/transfer_reader.hpp"

#include <optional>
#include <string>
#include <string_view>

#include "common/km_error.hpp"
#include "crypto/thumbprint.hpp"
#include "crypto/cms_open.hpp"
#include "transfer/object_stream.hpp"
#include "transfer/record_codec.hpp"
#include "common/utc_time.hpp"
#include "transfer/segment_chain.hpp"

namespace arbor::km::transfer {
namespace {

[[noreturn]] void damaged(const std::string& what, std::string technical = {}) {
  throw error(errc::corrupt, "the transfer file is damaged or was altered: " + what,
              std::move(technical));
}

// One full pass over a file: the state that binds its objects together.
class pass_state {
 public:
  pass_state(const crypto::server_identity& self, const transfer_reader::signer_decision& decide)
      : own_sha256_(crypto::sha256_hex(self.cert())), decide_(decide) {}

  // Checks an opened object against the ones before it; returns its decoded first line.
  payload_head accept(crypto::opened_payload& object, const std::string& where) {
    check_signer(object.signer, where);
    const std::string_view payload = object.payload.view();
    const payload_head head = parse_payload_head(payload.substr(0, payload.find('\n')), where);
    const bool trailer = head.kind == payload_kind::trailer;
    check_binding(trailer ? head.trailer.transfer_id : head.segment.transfer_id,
                  trailer ? head.trailer.source_sha256 : head.segment.source_sha256,
                  trailer ? head.trailer.destination_sha256 : head.segment.destination_sha256,
                  where);
    return head;
  }

  // Checks a segment's place in the sequence and returns its user lines.
  std::string_view accept_segment(const segment_header& header, std::string_view payload) {
    if (header.index != segments_) {
      damaged(header.index < segments_
                  ? "segment " + std::to_string(header.index) + " appears again or out of order"
                  : "segment " + std::to_string(segments_) + " is missing");
    }
    ++segments_;
    chain_.add(payload);
    const std::size_t header_end = payload.find('\n');
    const std::string_view users =
        header_end == std::string_view::npos ? std::string_view() : payload.substr(header_end + 1);
    if (users.empty()) damaged("segment " + std::to_string(header.index) + " holds no users");
    return users;
  }

  void count(const user_record& user) {
    ++users_;
    keys_ += static_cast<std::int64_t>(user.keys.size());
  }

  void accept_trailer(const trailer_facts& t, std::string_view payload,
                      std::chrono::sys_seconds now) {
    if (payload.find('\n') + 1 != payload.size()) damaged("the trailer has more than one line");
    if (t.segments != segments_) {
      damaged("the trailer lists " + std::to_string(t.segments) + " segments but the file has " +
              std::to_string(segments_) + " (segments were dropped or added)");
    }
    if (t.users != users_ || t.keys != keys_) {
      damaged("the trailer lists " + std::to_string(t.users) + " users and " +
              std::to_string(t.keys) + " keys but the segments hold " + std::to_string(users_) +
              " and " + std::to_string(keys_));
    }
    if (t.segments_sha256 != chain_.hex()) {
      damaged("the segments are not the ones the trailer was signed over (reordered, repeated "
              "or replaced)");
    }
    if (t.expires_at - t.created_at > max_lifetime) {
      const auto days = std::chrono::ceil<std::chrono::days>(t.expires_at - t.created_at).count();
      throw error(errc::bad_input, "this transfer file was signed valid for " + std::to_string(days) +
                                       " days; at most " + std::to_string(max_lifetime.count()) +
                                       " are accepted; export the users again on the source server");
    }
    if (now >= t.expires_at) {
      throw error(errc::bad_input, "this transfer file expired on " + utc_rfc3339(t.expires_at) +
                                       "; export the users again on the source server");
    }
  }

  const transfer_source& source() const { return *source_; }

 private:
  void check_signer(const crypto::certificate& signer, const std::string& where) {
    if (!source_) {
      const std::string sha256 = crypto::sha256_hex(signer);
      if (sha256 == own_sha256_) {
        throw error(errc::bad_input,
                    "this file was exported by this server itself; import it on the "
                    "destination Key Management server");
      }
      if (const auto defect = crypto::why_not_a_server_identity(signer)) {
        throw error(errc::crypto, "the file was not signed by a Key Management server's certificate: " +
                                      *defect + "; do not import it");
      }
      if (decide_) decide_(sha256);
      source_ = transfer_source{signer, sha256, {}};
      source_der_ = signer.der();
      return;
    }
    if (signer.der() != source_der_) {
      throw error(errc::crypto, "the transfer file was altered: " + where +
                                    " is signed by another certificate than the rest of the file");
    }
  }

  void check_binding(const std::string& transfer_id, const std::string& source_sha256,
                     const std::string& destination_sha256, const std::string& where) {
    if (source_->transfer_id.empty()) source_->transfer_id = transfer_id;
    if (transfer_id != source_->transfer_id) {
      damaged(where + " belongs to another transfer (" + transfer_id + ", not " +
              source_->transfer_id + ")");
    }
    if (source_sha256 != source_->sha256) {
      throw error(errc::crypto, "the transfer file is not valid: " + where +
                                    " names another source server than the one that signed it");
    }
    if (destination_sha256 != own_sha256_) {
      throw error(errc::bad_input, "this file was exported to another Key Management server "
                                   "(certificate " + crypto::with_colons(destination_sha256) +
                                       "), not to this one");
    }
  }

  std::string own_sha256_;
  const transfer_reader::signer_decision& decide_;
  std::optional<transfer_source> source_;
  std::vector<std::uint8_t> source_der_;
  segment_chain chain_;
  std::int64_t segments_ = 0;
  std::int64_t users_ = 0;
  std::int64_t keys_ = 0;
};

std::string describe(std::int64_t index, std::uint64_t offset) {
  return "object " + std::to_string(index) + " of the file (at byte " + std::to_string(offset) + ")";
}

}  // namespace

transfer_reader::transfer_reader(std::filesystem::path file, const crypto::server_identity& self,
                                 std::function<std::chrono::sys_seconds()> clock,
                                 reader_limits limits)
    : file_(std::move(file)), self_(self), clock_(std::move(clock)), limits_(limits) {}

transfer_source transfer_reader::preview() const {
  object_stream stream(file_, limits_.max_object_bytes);
  const auto first = stream.next();
  if (!first) throw error(errc::bad_input, file_.string() + " is empty; it is not a transfer file");
  pass_state state(self_, decide_signer_);
  const std::string where = describe(0, 0);
  crypto::opened_payload object = crypto::open_payload(*first, self_.cert(), self_.key(), where);
  state.accept(object, where);
  return state.source();
}

transfer_summary transfer_reader::verify() const { return pass(nullptr); }

transfer_summary transfer_reader::read(const std::function<void(user_record&&)>& on_user) const {
  return pass(&on_user);
}

transfer_summary transfer_reader::pass(const std::function<void(user_record&&)>* on_user) const {
  object_stream stream(file_, limits_.max_object_bytes);
  pass_state state(self_, decide_signer_);
  std::optional<trailer_facts> trailer;
  std::int64_t index = 0;
  for (auto object = stream.next(); object; object = stream.next(), ++index) {
    const std::string where = describe(index, stream.offset());
    if (trailer) damaged("there is data after the trailer, at byte " + std::to_string(stream.offset()));
    crypto::opened_payload opened = crypto::open_payload(*object, self_.cert(), self_.key(), where);
    const payload_head head = state.accept(opened, where);
    const std::string_view payload = opened.payload.view();
    if (head.kind == payload_kind::trailer) {
      state.accept_trailer(head.trailer, payload, clock_());
      trailer = head.trailer;
      continue;
    }
    std::string_view lines = state.accept_segment(head.segment, payload);
    for (std::int64_t n = 0; !lines.empty(); ++n) {
      const std::size_t end = lines.find('\n');
      if (end == std::string_view::npos) damaged("the last line of " + where + " is cut off");
      user_record user = parse_user_line(
          lines.substr(0, end),
          "user record " + std::to_string(n) + " of segment " + std::to_string(head.segment.index));
      lines.remove_prefix(end + 1);
      state.count(user);
      if (on_user) (*on_user)(std::move(user));
    }
  }
  if (index == 0) throw error(errc::bad_input, file_.string() + " is empty; it is not a transfer file");
  if (!trailer) {
    damaged("the file ends without its trailer: it is incomplete (cut short while copying?); "
            "copy it again from the source server");
  }
  return {state.source(), *trailer};
}

}  // namespace arbor::km::transfer
