#pragma once
// Memory that is wiped when it is given back, for what holds request bodies: an answer to a page
// carries an administrator's password, and a login body the access token. The parsed JSON of a
// body (wiping_json_resource) and the connection's read buffer (wiping_allocator) are cleansed
// with OPENSSL_cleanse before they are freed; the body's own string is cleansed by the server
// once the request is answered.
#include <openssl/crypto.h>

#include <boost/json/memory_resource.hpp>
#include <boost/json/storage_ptr.hpp>

#include <cstddef>
#include <memory>
#include <new>
#include <string>

namespace arbor::host::web {

// Plain operator new and delete on both sides, whatever alignment Boost.JSON names (never more
// than new's own): an aligned new freed by a differently aligned delete is undefined, and the
// fuzz target's ASan build caught exactly that on a body that does not parse.
class wiping_json_resource final : public boost::json::memory_resource {
 private:
  void* do_allocate(std::size_t size, std::size_t align) override {
    if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) throw std::bad_alloc();
    return ::operator new(size);
  }
  void do_deallocate(void* p, std::size_t size, std::size_t) override {
    OPENSSL_cleanse(p, size);
    ::operator delete(p);
  }
  bool do_is_equal(const boost::json::memory_resource& other) const noexcept override { return this == &other; }
};

/// A storage for parsing a request body: shared, so the parsed value may outlive the call.
inline boost::json::storage_ptr wiping_storage() { return boost::json::make_shared_resource<wiping_json_resource>(); }

template <class T>
struct wiping_allocator {
  using value_type = T;
  wiping_allocator() = default;
  template <class U>
  wiping_allocator(const wiping_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept {
    OPENSSL_cleanse(p, n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }
  friend bool operator==(const wiping_allocator&, const wiping_allocator&) noexcept { return true; }
};

/// Cleanses a string's bytes in place (its length stays).
inline void cleanse(std::string& text) noexcept { OPENSSL_cleanse(text.data(), text.size()); }

}  // namespace arbor::host::web
