#include "ca/http_session.hpp"

#include <curl/curl.h>

#include <algorithm>

#include "ca/curl_handles.hpp"
#include "common/km_error.hpp"

namespace arbor::km::ca {

// An easy handle with its reply buffer; reused across requests so connections stay warm.
struct http_slot {
  curl_easy_ptr easy = make_curl_easy();
  std::size_t index = 0;
  std::string body;
  bool overflowed = false;
  char error_text[CURL_ERROR_SIZE] = {};
};

struct http_multi {
  curl_multi_ptr multi = make_curl_multi();
  curl_slist_ptr headers;
};

namespace {

// Upper bound for one wait in curl_multi_poll; libcurl wakes earlier for its own timers, so
// this only limits how long a wait lasts when nothing at all happens.
constexpr int poll_ceiling_ms = 1000;

[[noreturn]] void fail_setup(const char* call, const char* reason) {
  throw error(errc::internal, "The HTTP client could not be set up.", std::string(call) + ": " + reason);
}

template <typename T>
void set_option(CURL* easy, CURLoption option, T value) {
  const CURLcode result = curl_easy_setopt(easy, option, value);
  if (result != CURLE_OK) fail_setup("curl_easy_setopt", curl_easy_strerror(result));
}

void check_multi(CURLMcode result, const char* call) {
  if (result != CURLM_OK) fail_setup(call, curl_multi_strerror(result));
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto& slot = *static_cast<http_slot*>(user);
  const std::size_t bytes = size * count;
  if (slot.body.size() + bytes > http_session::max_response_bytes) {
    slot.overflowed = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  slot.body.append(data, bytes);
  return bytes;
}

void start(CURLM* multi, http_slot& slot, std::size_t index, const http_request& request) {
  slot.index = index;
  slot.body.clear();
  slot.overflowed = false;
  slot.error_text[0] = '\0';
  CURL* easy = slot.easy.get();
  set_option(easy, CURLOPT_URL, request.url.c_str());
  set_option(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  set_option(easy, CURLOPT_POSTFIELDS, request.body.c_str());  // not copied: request outlives it
  check_multi(curl_multi_add_handle(multi, easy), "curl_multi_add_handle");
}

// A timeout before the TCP connection was up is the connect timeout, unless the total timeout is
// the shorter one and fired first (a CA slow to accept): then the request as a whole timed out.
bool connect_timed_out(CURL* easy, const connection_settings& settings) {
  curl_off_t connect_us = 0;
  if (curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_us) == CURLE_OK && connect_us > 0) return false;
  return settings.connect_timeout_ms <= settings.total_timeout_ms;
}

// Whether the request went over a kept-alive connection rather than a new one.
bool reused_connection(CURL* easy) {
  long new_connections = 0;
  return curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &new_connections) == CURLE_OK && new_connections == 0;
}

transport_status classify(CURLcode result, http_slot& slot, const connection_settings& settings) {
  switch (result) {
    case CURLE_OK: return transport_status::completed;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return transport_status::unreachable;
    case CURLE_OPERATION_TIMEDOUT:
      return connect_timed_out(slot.easy.get(), settings) ? transport_status::connect_timed_out : transport_status::timed_out;
    case CURLE_WRITE_ERROR: return slot.overflowed ? transport_status::too_large : transport_status::failed;
    // A kept-alive connection to a CA that has stopped since fails on send or with an empty
    // reply, not with a refused connect (libcurl retries some of these on a fresh connection,
    // not all): the CA has gone away. On a new connection the same errors mean a broken server.
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
      return reused_connection(slot.easy.get()) ? transport_status::unreachable : transport_status::failed;
    default: return transport_status::failed;
  }
}

http_response finish(http_slot& slot, CURLcode result, const connection_settings& settings) {
  http_response response;
  response.transport = classify(result, slot, settings);
  if (response.transport == transport_status::completed) {
    curl_easy_getinfo(slot.easy.get(), CURLINFO_RESPONSE_CODE, &response.http_status);
    response.body = std::move(slot.body);
  } else {
    response.transport_detail = slot.error_text[0] != '\0' ? slot.error_text : curl_easy_strerror(result);
  }
  return response;
}

}  // namespace

http_session::http_session(const connection_settings& settings)
    : settings_(settings), multi_(std::make_unique<http_multi>()) {
  append_header(multi_->headers, "Content-Type: application/json");
  // libcurl would otherwise send "Expect: 100-continue" for bodies over 1 KiB (CSRs) and
  // wait a round trip for the go-ahead.
  append_header(multi_->headers, "Expect:");
  // Keep one idle connection per possible request in flight, so a batch reuses them all.
  check_multi(curl_multi_setopt(multi_->multi.get(), CURLMOPT_MAXCONNECTS,
                                static_cast<long>(settings_.max_in_flight)),
              "curl_multi_setopt");
}

http_session::~http_session() = default;

void http_session::grow_pool(std::size_t size) {
  while (slots_.size() < size) {
    auto slot = std::make_unique<http_slot>();
    CURL* easy = slot->easy.get();
    set_option(easy, CURLOPT_PRIVATE, static_cast<void*>(slot.get()));
    set_option(easy, CURLOPT_WRITEFUNCTION, &collect);
    set_option(easy, CURLOPT_WRITEDATA, static_cast<void*>(slot.get()));
    set_option(easy, CURLOPT_ERRORBUFFER, slot->error_text);
    set_option(easy, CURLOPT_HTTPHEADER, multi_->headers.get());
    set_option(easy, CURLOPT_CONNECTTIMEOUT_MS, settings_.connect_timeout_ms);
    set_option(easy, CURLOPT_TIMEOUT_MS, settings_.total_timeout_ms);
    set_option(easy, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe beside threads
    set_option(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    slots_.push_back(std::move(slot));
  }
}

std::vector<http_response> http_session::post_all(const std::vector<http_request>& requests) {
  std::vector<http_response> responses(requests.size());
  const std::size_t pool = std::min(requests.size(), settings_.max_in_flight);
  grow_pool(pool);
  std::vector<http_slot*> idle;
  for (std::size_t i = 0; i < pool; ++i) idle.push_back(slots_[i].get());

  CURLM* multi = multi_->multi.get();
  std::size_t next = 0;
  std::size_t in_flight = 0;
  try {
    while (next < requests.size() || in_flight > 0) {
      for (; next < requests.size() && !idle.empty(); ++next, ++in_flight) {
        start(multi, *idle.back(), next, requests[next]);
        idle.pop_back();
      }
      int running = 0;
      check_multi(curl_multi_perform(multi, &running), "curl_multi_perform");
      int queued = 0;
      while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
        if (message->msg != CURLMSG_DONE) continue;
        // message dies with remove_handle: take what it says first.
        CURL* easy = message->easy_handle;
        const CURLcode result = message->data.result;
        void* owner = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &owner);
        check_multi(curl_multi_remove_handle(multi, easy), "curl_multi_remove_handle");
        auto& slot = *static_cast<http_slot*>(owner);
        responses[slot.index] = finish(slot, result, settings_);
        idle.push_back(&slot);
        --in_flight;
      }
      const bool can_start_more = next < requests.size() && !idle.empty();
      if (in_flight > 0 && !can_start_more) {
        check_multi(curl_multi_poll(multi, nullptr, 0, poll_ceiling_ms, nullptr), "curl_multi_poll");
      }
    }
  } catch (...) {
    // Leave no handle attached, so the session stays usable and destroys cleanly.
    for (auto& slot : slots_) curl_multi_remove_handle(multi, slot->easy.get());
    throw;
  }
  return responses;
}

}  // namespace arbor::km::ca
