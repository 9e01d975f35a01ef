#include "ca/curl_handles.hpp"

#include "common/km_error.hpp"

namespace arbor::km::ca {
namespace {

// curl_global_init must run before any handle exists; a function-local static makes that
// happen exactly once even when two clients are created on different threads.
void initialise_curl_once() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (result != CURLE_OK) {
    throw error(errc::internal, "The HTTP library could not be initialised.",
                std::string("curl_global_init: ") + curl_easy_strerror(result));
  }
}

}  // namespace

curl_easy_ptr make_curl_easy() {
  initialise_curl_once();
  curl_easy_ptr handle(curl_easy_init());
  if (!handle) throw error(errc::internal, "Out of memory creating an HTTP request.", "curl_easy_init");
  return handle;
}

curl_multi_ptr make_curl_multi() {
  initialise_curl_once();
  curl_multi_ptr handle(curl_multi_init());
  if (!handle) throw error(errc::internal, "Out of memory creating an HTTP session.", "curl_multi_init");
  return handle;
}

void append_header(curl_slist_ptr& list, const char* line) {
  curl_slist* head = curl_slist_append(list.get(), line);
  if (head == nullptr) throw error(errc::internal, "Out of memory building HTTP headers.", "curl_slist_append");
  (void)list.release();  // head now owns the old nodes too
  list.reset(head);
}

}  // namespace arbor::km::ca
