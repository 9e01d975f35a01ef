#define BOOST_TEST_MODULE transfer_round_trip_test
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include "common/km_error.hpp"
#include "crypto/thumbprint.hpp"
#include "transfer/transfer_reader.hpp"
#include "transfer_test_support.hpp"

using namespace arbor::km;
using namespace arbor::km::test;

namespace {

void require_equal(const user_record& a, const user_record& b) {
  BOOST_TEST(a.user_id == b.user_id);
  BOOST_TEST(a.alias == b.alias);
  BOOST_TEST(a.display_name == b.display_name);
  BOOST_TEST(a.email == b.email);
  BOOST_TEST(a.state == b.state);
  BOOST_REQUIRE_EQUAL(a.keys.size(), b.keys.size());
  for (std::size_t i = 0; i < a.keys.size(); ++i) {
    BOOST_TEST(a.keys[i].key_id == b.keys[i].key_id);
    BOOST_TEST(a.keys[i].seq == b.keys[i].seq);
    BOOST_TEST(a.keys[i].status == b.keys[i].status);
    BOOST_TEST(a.keys[i].added_at == b.keys[i].added_at);
    BOOST_TEST(a.keys[i].certificate_der == b.keys[i].certificate_der);
    BOOST_TEST((a.keys[i].private_key_der == b.keys[i].private_key_der));
  }
}

std::vector<user_record> read_all(const std::filesystem::path& file, const crypto::server_identity& self,
                                  std::optional<transfer::transfer_summary>* summary = nullptr) {
  std::vector<user_record> got;
  const transfer::transfer_reader reader(file, self, fixed_clock(t0 + 1h));
  const transfer::transfer_summary s = reader.read([&](user_record&& u) { got.push_back(std::move(u)); });
  if (summary) *summary = s;
  return got;
}

void check_round_trip(const crypto::server_identity& destination, std::size_t segment_bytes) {
  scratch_dir dir;
  const std::vector<user_record> users = sample_users(40);
  const transfer::trailer_facts written =
      write_transfer(dir.path(), "users.kmx", destination.cert(), users, segment_bytes);
  std::optional<transfer::transfer_summary> summary;
  const std::vector<user_record> got = read_all(dir / "users.kmx", destination, &summary);
  BOOST_REQUIRE(summary.has_value());
  BOOST_REQUIRE_EQUAL(got.size(), users.size());
  for (std::size_t i = 0; i < users.size(); ++i) require_equal(got[i], users[i]);
  BOOST_TEST(summary->trailer.users == 40);
  BOOST_TEST(summary->trailer.keys == written.keys);
  BOOST_TEST(summary->trailer.segments == written.segments);
  BOOST_TEST(summary->trailer.segments_sha256 == written.segments_sha256);
  BOOST_TEST(summary->source.sha256 == crypto::sha256_hex(source_server().cert()));
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip_to_rsa_3072_destination_returns_identical_records) {
  check_round_trip(rsa_destination(), std::size_t{1} << 20);
}

BOOST_AUTO_TEST_CASE(round_trip_to_ec_p384_destination_returns_identical_records) {
  check_round_trip(ec_destination(), std::size_t{1} << 20);
}

BOOST_AUTO_TEST_CASE(small_segment_limit_splits_users_across_many_segments) {
  scratch_dir dir;
  const transfer::trailer_facts t =
      write_transfer(dir.path(), "users.kmx", rsa_destination().cert(), sample_users(40), 8 * 1024);
  BOOST_TEST(t.segments >= 10);
  BOOST_TEST(split_objects(dir / "users.kmx").size() == static_cast<std::size_t>(t.segments) + 1);
  check_round_trip(rsa_destination(), 8 * 1024);
  check_round_trip(ec_destination(), 1);  // every user in a segment of their own
}

BOOST_AUTO_TEST_CASE(trailer_records_counts_times_and_both_servers) {
  scratch_dir dir;
  const transfer::trailer_facts t =
      write_transfer(dir.path(), "users.kmx", ec_destination().cert(), sample_users(5));
  BOOST_TEST(t.users == 5);
  BOOST_TEST(t.keys == 1 + 2 + 3 + 1 + 2);
  BOOST_TEST(t.segments == 1);
  BOOST_TEST((t.created_at == t0));
  BOOST_TEST((t.expires_at == t0 + std::chrono::days(30)));
  BOOST_TEST(t.source_sha256 == crypto::sha256_hex(source_server().cert()));
  BOOST_TEST(t.destination_sha256 == crypto::sha256_hex(ec_destination().cert()));
  BOOST_TEST(t.transfer_id.size() == 32u);
}

BOOST_AUTO_TEST_CASE(file_with_no_users_holds_only_a_trailer_and_reads_back_empty) {
  scratch_dir dir;
  write_transfer(dir.path(), "empty.kmx", ec_destination().cert(), {});
  BOOST_TEST(split_objects(dir / "empty.kmx").size() == 1u);
  std::optional<transfer::transfer_summary> s;
  BOOST_TEST(read_all(dir / "empty.kmx", ec_destination(), &s).empty());
  BOOST_TEST(s->trailer.users == 0);
}

BOOST_AUTO_TEST_CASE(verify_checks_the_whole_file_without_delivering_users) {
  scratch_dir dir;
  write_transfer(dir.path(), "users.kmx", ec_destination().cert(), sample_users(12), 4096);
  const transfer::transfer_reader reader(dir / "users.kmx", ec_destination(), fixed_clock(t0));
  const transfer::transfer_summary s = reader.verify();
  BOOST_TEST(s.trailer.users == 12);
}

BOOST_AUTO_TEST_CASE(preview_names_the_source_after_reading_only_the_first_segment) {
  scratch_dir dir;
  write_transfer(dir.path(), "users.kmx", ec_destination().cert(), sample_users(12), 4096);
  auto objects = split_objects(dir / "users.kmx");
  objects.resize(1);  // the rest of the file is not needed, and would not verify
  join_objects(dir / "first.kmx", objects);
  const transfer::transfer_reader reader(dir / "first.kmx", ec_destination(), fixed_clock(t0));
  const transfer::transfer_source source = reader.preview();
  BOOST_TEST(source.certificate.subject() == "CN=kms-source");
  BOOST_TEST(source.sha256 == crypto::sha256_hex(source_server().cert()));
  BOOST_TEST(source.transfer_id.size() == 32u);
}

BOOST_AUTO_TEST_CASE(file_is_private_to_its_owner) {
  scratch_dir dir;
  write_transfer(dir.path(), "users.kmx", ec_destination().cert(), sample_users(2));
  BOOST_TEST(file_mode(dir / "users.kmx") == 0600u);
  BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path()),
                           std::filesystem::directory_iterator{}) == 1);
}

BOOST_AUTO_TEST_CASE(unfinished_writer_leaves_no_file_behind) {
  scratch_dir dir;
  {
    transfer::transfer_writer writer(dir / "users.kmx", source_server(), ec_destination().cert(),
                                     transfer::new_transfer_id(), fixed_clock(), {1024, std::chrono::days(30)});
    for (const user_record& u : sample_users(6)) writer.add_user(u);
  }
  BOOST_TEST(std::filesystem::is_empty(dir.path()));
}

BOOST_AUTO_TEST_CASE(writer_refuses_an_existing_file) {
  scratch_dir dir;
  write_text(dir / "users.kmx", "keep me");
  BOOST_CHECK_EXCEPTION(write_transfer(dir.path(), "users.kmx", ec_destination().cert(), sample_users(1)),
                        error, [](const error& e) { return e.code() == errc::conflict; });
  BOOST_TEST(read_bytes(dir / "users.kmx").size() == 7u);
}

BOOST_AUTO_TEST_CASE(finish_refuses_a_file_that_appeared_meanwhile_and_cleans_up) {
  scratch_dir dir;
  {
    transfer::transfer_writer writer(dir / "users.kmx", source_server(), ec_destination().cert(),
                                     transfer::new_transfer_id(), fixed_clock());
    writer.add_user(sample_user(1));
    write_text(dir / "users.kmx", "raced");
    BOOST_CHECK_EXCEPTION(writer.finish(), error, [](const error& e) { return e.code() == errc::conflict; });
  }
  BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path()),
                           std::filesystem::directory_iterator{}) == 1);
}

// A destination that is the source, or a file name with a path, is refused before a writer is
// made: workflows::destination and workflows::export_file_name (export_checks_test).
BOOST_AUTO_TEST_CASE(writer_refuses_a_malformed_transfer_id) {
  scratch_dir dir;
  const auto bad_input = [](const error& e) { return e.code() == errc::bad_input; };
  BOOST_CHECK_EXCEPTION(write_transfer(dir.path(), "users.kmx", ec_destination().cert(), {}, 1024, "xyz"),
                        error, bad_input);
  BOOST_TEST(std::filesystem::is_empty(dir.path()));
}

BOOST_AUTO_TEST_CASE(export_mid_file_failpoint_kills_the_writer_after_the_first_segment) {
  scratch_dir dir;
  const crypto::server_identity& destination = ec_destination();  // generated before forking
  const pid_t child = ::fork();
  if (child == 0) {
    ::setenv("ARBOR_FAILPOINT", "export-mid-file", 1);
    write_transfer(dir.path(), "users.kmx", destination.cert(), sample_users(20), 2048);
    ::_exit(0);  // not reached when the failpoint fires
  }
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST(WIFSIGNALED(status));
  BOOST_TEST(WTERMSIG(status) == SIGKILL);
  BOOST_TEST(!std::filesystem::exists(dir / "users.kmx"));
  std::vector<std::filesystem::path> left;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) left.push_back(entry.path());
  BOOST_REQUIRE_EQUAL(left.size(), 1u);  // the temporary file, holding exactly one segment
  BOOST_TEST(split_objects(left[0]).size() == 1u);
}
