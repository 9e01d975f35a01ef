#define BOOST_TEST_MODULE transfer_listing_test
// The transfer files the Import File page offers: a real export is listed with its signer's
// short code; what is not a regular file is skipped unopened; the Key Manager's own files are not
// candidates; a file that cannot be imported is listed with the reason, never a crash.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "crypto/short_code.hpp"
#include "export_fixture.hpp"
#include "workflows/transfer_listing.hpp"

using namespace arbor::km;

namespace {

namespace fs = std::filesystem;

struct listing_fixture : testing::export_fixture {
  fs::path data() const { return destination.directory().root(); }

  // A real export from the source, moved into the destination's KMSData as `name`.
  void exported_as(const std::string& name) {
    user("alice", 1);
    fs::copy_file(run(request()).file, data() / name);
  }

  void write(const std::string& name, const std::string& content) { std::ofstream(data() / name) << content; }

  std::vector<workflows::listed_transfer> list(workflows::listing_limits limits = {}) {
    return workflows::transfer_listing(limits).list(destination, destination_keys);
  }

  static const workflows::listed_transfer* named(const std::vector<workflows::listed_transfer>& files,
                                                 const std::string& name) {
    auto it = std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.name == name; });
    return it == files.end() ? nullptr : &*it;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_real_export_is_listed_with_its_size_and_the_source_short_code, listing_fixture) {
  exported_as("users.kmx");
  const auto files = list();
  const auto* file = named(files, "users.kmx");
  BOOST_REQUIRE(file != nullptr);
  BOOST_TEST(file->problem == "");
  BOOST_TEST(file->source_code == crypto::grouped(crypto::short_code(source.certificate())));
  BOOST_TEST(file->size == fs::file_size(data() / "users.kmx"));
  BOOST_TEST(file->modified.time_since_epoch().count() > 0);
}

BOOST_FIXTURE_TEST_CASE(the_key_manager_files_and_what_is_not_a_regular_file_are_not_listed, listing_fixture) {
  fs::create_directory(data() / "a-directory.kmx");
  BOOST_REQUIRE(::mkfifo((data() / "a-fifo.kmx").c_str(), 0600) == 0);  // opening it would block
  write("target.txt", "not a transfer file");
  fs::create_symlink(data() / "target.txt", data() / "a-link.kmx");
  write(".hidden.kmx", "x");
  write("users.kmx.tmp-0123abcd", "x");
  write("transfer.lock", "export 1700000000");  // left by an export: the Key Manager's own
  const auto files = list();
  for (const char* name : {"a-directory.kmx", "a-fifo.kmx", "a-link.kmx", "kms.crt", "kms.key.sealed", "database",
                           "backups", ".hidden.kmx", "users.kmx.tmp-0123abcd", "transfer.lock"})
    BOOST_TEST(named(files, name) == nullptr, name << " is listed");
  BOOST_TEST(named(files, "target.txt") != nullptr);
}

BOOST_FIXTURE_TEST_CASE(a_file_that_is_not_a_transfer_file_is_listed_with_the_reason, listing_fixture) {
  write("notes.kmx", "hello, not DER");
  write("empty.kmx", "");
  const auto files = list();
  for (const char* name : {"notes.kmx", "empty.kmx"}) {
    const auto* file = named(files, name);
    BOOST_REQUIRE(file != nullptr);
    BOOST_TEST(file->source_code == "");
    BOOST_TEST(file->problem != "", name << " has no reason");
    BOOST_TEST_MESSAGE(name << ": " << file->problem);
  }
}

BOOST_FIXTURE_TEST_CASE(an_oversized_first_object_is_refused_before_it_is_read, listing_fixture) {
  exported_as("users.kmx");
  workflows::listing_limits small;
  small.max_object_bytes = 256;
  const auto files = list(small);
  const auto* file = named(files, "users.kmx");
  BOOST_REQUIRE(file != nullptr);
  BOOST_TEST(file->source_code == "");
  BOOST_TEST(file->problem != "");
  BOOST_TEST_MESSAGE(file->problem);
}

BOOST_FIXTURE_TEST_CASE(a_name_with_control_characters_is_listed_unread_with_the_reason, listing_fixture) {
  write("evil\x1b[2J.kmx", "x");
  const auto files = list();
  const auto* file = named(files, "evil\x1b[2J.kmx");
  BOOST_REQUIRE(file != nullptr);
  BOOST_TEST(file->problem.find("control characters") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_newest_files_are_listed_first_up_to_the_limit, listing_fixture) {
  for (int i = 0; i < 5; ++i) {
    write("file-" + std::to_string(i) + ".kmx", "x");
    fs::last_write_time(data() / ("file-" + std::to_string(i) + ".kmx"),
                        fs::file_time_type::clock::now() - std::chrono::hours(10 - i));
  }
  workflows::listing_limits three;
  three.max_files = 3;
  workflows::transfer_listing listing(three);
  const auto files = listing.list(destination, destination_keys);
  BOOST_REQUIRE(files.size() == 3u);
  BOOST_TEST(files[0].name == "file-4.kmx");
  BOOST_TEST(files[2].name == "file-2.kmx");
  BOOST_TEST(listing.found() == 5u);
}
