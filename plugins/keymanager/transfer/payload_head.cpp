#include "transfer/payload_head.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "transfer/json_fields.hpp"
#include "transfer/secret_json.hpp"

namespace arbor::km::transfer {
namespace {

boost::json::object common_fields(std::string_view kind, const std::string& transfer_id) {
  return {{"format", format_name},
          {"version", format_version},
          {"kind", kind},
          {"transfer_id", transfer_id}};
}

payload_kind check_format(const json_fields& f) {
  if (f.text_view("format") != format_name) {
    throw error(errc::bad_input,
                "this is not a Key Manager transfer file (its format is \"" +
                    f.text("format") + "\")");
  }
  const std::int64_t version = f.integer("version");
  if (version != format_version) {
    throw error(errc::bad_input,
                "format version " + std::to_string(version) +
                    " is not supported by this Key Manager (it reads version " +
                    std::to_string(format_version) +
                    "). Export the users again from a server of the same version, or update "
                    "this Key Manager.");
  }
  const std::string_view kind = f.text_view("kind");
  if (kind == "segment") return payload_kind::segment;
  if (kind == "trailer") return payload_kind::trailer;
  throw error(errc::corrupt, "the transfer file is damaged: " + f.where() +
                                 " has an unknown kind \"" + std::string(kind) + "\"");
}

trailer_facts trailer_from(const json_fields& f) {
  trailer_facts t;
  t.transfer_id = f.text("transfer_id");
  t.created_at = f.time("created_at");
  t.expires_at = f.time("expires_at");
  t.source_sha256 = f.text("source_sha256");
  t.destination_sha256 = f.text("destination_sha256");
  t.segments = f.integer("segments");
  t.users = f.integer("users");
  t.keys = f.integer("keys");
  t.segments_sha256 = f.text("segments_sha256");
  return t;
}

}  // namespace

std::string encode_segment_header(const segment_header& header) {
  boost::json::object o = common_fields("segment", header.transfer_id);
  o["index"] = header.index;
  o["source_sha256"] = header.source_sha256;
  o["destination_sha256"] = header.destination_sha256;
  return boost::json::serialize(o) + "\n";
}

std::string encode_trailer(const trailer_facts& t) {
  boost::json::object o = common_fields("trailer", t.transfer_id);
  o["created_at"] = utc_rfc3339(t.created_at);
  o["expires_at"] = utc_rfc3339(t.expires_at);
  o["source_sha256"] = t.source_sha256;
  o["destination_sha256"] = t.destination_sha256;
  o["segments"] = t.segments;
  o["users"] = t.users;
  o["keys"] = t.keys;
  o["segments_sha256"] = t.segments_sha256;
  return boost::json::serialize(o) + "\n";
}

payload_head parse_payload_head(std::string_view line, std::string_view where) {
  const boost::json::value value = parse_payload_json(line, where);
  const json_fields f(value.get_object(), std::string(where));
  payload_head head;
  head.kind = check_format(f);
  if (head.kind == payload_kind::trailer) {
    head.trailer = trailer_from(f);
    return head;
  }
  head.segment.transfer_id = f.text("transfer_id");
  head.segment.index = f.integer("index");
  head.segment.source_sha256 = f.text("source_sha256");
  head.segment.destination_sha256 = f.text("destination_sha256");
  return head;
}

}  // namespace arbor::km::transfer
