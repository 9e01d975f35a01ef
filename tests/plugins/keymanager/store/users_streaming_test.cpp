#define BOOST_TEST_MODULE km_store_users_streaming
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "scratch_dir.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"

// Counts the bytes C++ code has live, so the test can see whether for_each holds users in memory.
namespace {

std::atomic<std::int64_t> live_bytes{0};
std::atomic<std::int64_t> peak_bytes{0};
constexpr std::size_t header = alignof(std::max_align_t);

void* counted_alloc(std::size_t size) {
  void* raw = std::malloc(size + header);
  if (raw == nullptr) return nullptr;
  *static_cast<std::size_t*>(raw) = size;
  const std::int64_t now = live_bytes += static_cast<std::int64_t>(size);
  std::int64_t peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
  return static_cast<char*>(raw) + header;
}

void counted_free(void* p) noexcept {
  if (p == nullptr) return;
  void* raw = static_cast<char*>(p) - header;
  live_bytes -= static_cast<std::int64_t>(*static_cast<std::size_t*>(raw));
  std::free(raw);
}

}  // namespace

void* operator new(std::size_t size) {
  if (void* p = counted_alloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }

using namespace arbor::km;

BOOST_AUTO_TEST_CASE(for_each_streams_ten_thousand_users_in_bounded_memory) {
  testing::scratch_dir dir;
  auto db = store::schema::open_database(dir / "kms.db");
  store::user_repository users(db);
  constexpr int total = 10000;
  {
    store::sqlite::transaction tx(db);
    for (int i = 0; i < total; ++i) {
      const std::string n = std::to_string(i);
      // Names longer than the small-string buffer, so a held record would cost heap memory.
      users.add({"id-" + n, "user-with-a-long-alias-" + n, "Display Name Of User " + n,
                 "user-" + n + "@a-long-domain.example.org", "active", arbor::test::unix_time(i)});
    }
    tx.commit();
  }

  sqlite3_int64 sqlite_now = 0;
  sqlite3_int64 sqlite_peak = 0;
  sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &sqlite_now, &sqlite_peak, 1);
  const std::int64_t before = live_bytes.load();
  peak_bytes = before;
  int seen = 0;
  users.for_each([&](const store::user_record& u) {
    seen += u.alias.empty() ? 0 : 1;
  });
  const std::int64_t cpp_growth = peak_bytes.load() - before;
  sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &sqlite_now, &sqlite_peak, 0);

  BOOST_TEST(seen == total);
  // Holding the users would take well over 1 MB; streaming holds about one record at a time.
  BOOST_TEST(cpp_growth < 16 * 1024, "C++ heap grew by " << cpp_growth << " bytes");
  // SQLite's page cache is bounded by its cache_size (2 MB by default), whatever the table size.
  BOOST_TEST(sqlite_peak < 8 * 1024 * 1024, "SQLite peaked at " << sqlite_peak << " bytes");
}
