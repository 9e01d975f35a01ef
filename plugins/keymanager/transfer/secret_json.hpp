#pragma once
// Parsing payload lines that hold key material in clear.
//
// Why Boost.JSON with a wiping allocator rather than a hand-written parser: the payload is
// attacker-reachable input (a file from another server), and a mature, fuzzed parser with strict
// UTF-8 and nesting limits is safer than a new one. What it lacks is hygiene for secrets, and
// that is exactly what its memory_resource hook gives: every block the parser or the resulting
// value ever uses (its temporary stack, where a base64 key is assembled, included) comes from
// wiping_resource and is cleansed before it is returned to the heap.
#include <cstddef>
#include <string_view>

#include <boost/json/memory_resource.hpp>
#include <boost/json/value.hpp>

namespace arbor::km::transfer {

// A memory resource that OPENSSL_cleanse()s each block on deallocation, as km::secret wipes its
// bytes. It is not built on km::secret: a km::secret owns one byte string, while the parser asks
// for many blocks of its own sizes and alignments and frees them itself, so what the two share is
// the wiping (OPENSSL_cleanse), not the container.
class wiping_resource final : public boost::json::memory_resource {
 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override;
  bool do_is_equal(const boost::json::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

// Parses exactly one JSON object; the value keeps its wiping_resource alive. Throws
// errc::corrupt naming `what` (e.g. "the header of segment 3") when the text is not one object.
boost::json::value parse_payload_json(std::string_view text, std::string_view what);

}  // namespace arbor::km::transfer
