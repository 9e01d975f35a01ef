#pragma once
// The first line of every signed payload: the format name and version, the kind of object, and
// the facts that bind it to one transfer between two servers. Segments carry their index; the
// trailer carries the totals and the hash chain over all segments.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace arbor::km::transfer {

inline constexpr std::string_view format_name = "arbor-kms-transfer";
inline constexpr std::int64_t format_version = 1;

// The longest time between created_at and expires_at a reader accepts, and the writer's default:
// a signed file that was lost or copied must not stay importable for months.
inline constexpr std::chrono::days max_lifetime{30};

enum class payload_kind { segment = 1, trailer };

// What a segment's header line says.
struct segment_header {
  std::string transfer_id;
  std::int64_t index = 0;  // 0 for the first segment
  std::string source_sha256;
  std::string destination_sha256;
};

// What the trailer says; the writer returns it and the reader verifies and returns it.
struct trailer_facts {
  std::string transfer_id;
  std::chrono::sys_seconds created_at;
  std::chrono::sys_seconds expires_at;
  std::string source_sha256;
  std::string destination_sha256;
  std::int64_t segments = 0;
  std::int64_t users = 0;
  std::int64_t keys = 0;
  std::string segments_sha256;  // see segment_chain
};

// Each encodes one JSON object followed by '\n'.
std::string encode_segment_header(const segment_header& header);
std::string encode_trailer(const trailer_facts& trailer);

// A decoded first line. Only the member matching `kind` is filled.
struct payload_head {
  payload_kind kind = payload_kind::segment;
  segment_header segment;
  trailer_facts trailer;
};

// Checks the format name and version before anything else: another format is errc::bad_input
// ("not a transfer file"), another version is errc::bad_input ("format version 7 is not
// supported by this Key Manager"). Missing or malformed fields are errc::corrupt naming `where`.
payload_head parse_payload_head(std::string_view line, std::string_view where);

}  // namespace arbor::km::transfer
