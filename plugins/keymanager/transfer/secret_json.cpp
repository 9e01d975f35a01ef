#include "transfer/secret_json.hpp"

#include <openssl/crypto.h>

#include <new>
#include <string>

#include <boost/json/parser.hpp>
#include <boost/json/storage_ptr.hpp>

#include "common/km_error.hpp"

namespace arbor::km::transfer {

void* wiping_resource::do_allocate(std::size_t bytes, std::size_t alignment) {
  return ::operator new(bytes, std::align_val_t(alignment));
}

void wiping_resource::do_deallocate(void* p, std::size_t bytes, std::size_t alignment) {
  OPENSSL_cleanse(p, bytes);
  ::operator delete(p, std::align_val_t(alignment));  // unsized: clang has no sized delete by default
}

boost::json::value parse_payload_json(std::string_view text, std::string_view what) {
  boost::json::storage_ptr storage = boost::json::make_shared_resource<wiping_resource>();
  // The parser's temporary stack uses the same resource; no stack buffer is passed, so nothing
  // of the text is left in an unwiped scratch area.
  boost::json::parser parser(storage);
  parser.reset(storage);  // the resulting value's storage, separate from the temporary stack's
  boost::system::error_code ec;
  parser.write(text.data(), text.size(), ec);  // a complete text, nothing after it
  if (ec) {
    throw error(errc::corrupt,
                "the transfer file is damaged: " + std::string(what) + " is not valid JSON",
                ec.message());
  }
  boost::json::value value = parser.release();
  if (!value.is_object()) {
    throw error(errc::corrupt,
                "the transfer file is damaged: " + std::string(what) + " is not a JSON object");
  }
  return value;
}

}  // namespace arbor::km::transfer
