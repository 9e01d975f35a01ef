#pragma once
// Ownership of libcurl's handles: each lives in a std::unique_ptr with its matching cleanup
// function from the line it is created. Internal to km_ca.
#include <curl/curl.h>

#include <memory>

namespace arbor::km::ca {

struct curl_easy_deleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct curl_multi_deleter {
  void operator()(CURLM* handle) const noexcept { curl_multi_cleanup(handle); }
};
struct curl_slist_deleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

/// An easy handle: one HTTP exchange at a time, reusable for the next.
using curl_easy_ptr = std::unique_ptr<CURL, curl_easy_deleter>;
/// A multi handle: runs several easy handles at once and keeps their connections alive.
using curl_multi_ptr = std::unique_ptr<CURLM, curl_multi_deleter>;
/// A list of request header lines.
using curl_slist_ptr = std::unique_ptr<curl_slist, curl_slist_deleter>;

/// Creates handles after initialising libcurl once per process. Throw error(internal) when
/// libcurl cannot allocate them.
curl_easy_ptr make_curl_easy();
curl_multi_ptr make_curl_multi();

/// Appends a header line; the list keeps its old contents if allocation fails (then throws).
void append_header(curl_slist_ptr& list, const char* line);

}  // namespace arbor::km::ca
