#define BOOST_TEST_MODULE export_checks_test
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <fstream>

#include "export_fixture.hpp"
#include "store/users.hpp"
#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "workflows/destination.hpp"
#include "workflows/earlier_exports.hpp"
#include "workflows/export_file_name.hpp"
#include "transfer/transfer_writer.hpp"
#include "workflows/user_selection.hpp"

using namespace arbor::km;
namespace fs = std::filesystem;

namespace {

errc code_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const error& e) {
    return e.code();
  }
  return errc{};
}

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(export_checks, testing::export_fixture)

// --- the file page ---

BOOST_AUTO_TEST_CASE(a_plain_new_file_name_is_accepted) {
  const workflows::export_file_name name("users-to-paris.kmx", source.directory().root());
  BOOST_TEST(name.name() == "users-to-paris.kmx");
  BOOST_TEST(name.path() == source.directory().root() / "users-to-paris.kmx");
}

BOOST_AUTO_TEST_CASE(file_names_that_could_leave_the_directory_or_hide_are_refused) {
  const auto root = source.directory().root();
  for (const std::string name : {"", "a/b.kmx", "/tmp/x.kmx", "a\\b.kmx", "..", "x..kmx", ".hidden", "."}) {
    BOOST_TEST_CONTEXT("name '" << name << "'") {
      BOOST_TEST((code_of([&] { workflows::export_file_name(name, root); }) == errc::bad_input));
    }
  }
}

BOOST_AUTO_TEST_CASE(file_names_with_control_characters_are_refused) {
  const auto root = source.directory().root();
  for (const std::string& name : {std::string("a\tb"), std::string("a\nb"), std::string("a\x7f"), std::string("\x1b[31m")})
    BOOST_TEST((code_of([&] { workflows::export_file_name(name, root); }) == errc::bad_input));
}

BOOST_AUTO_TEST_CASE(file_names_with_c1_or_direction_controls_or_invalid_utf8_are_refused) {
  // Each would reach --json output and the terminal as it is: NEL, RLO, an isolate, LRM, ALM, a
  // stray continuation byte, an overlong '/', a cut-short sequence, a UTF-16 surrogate, a code
  // point above U+10FFFF.
  const auto root = source.directory().root();
  for (const std::string name : {"a\u0085b.kmx", "a\u202Eb.kmx", "a\u2067b.kmx", "a\u200Eb.kmx", "a\u061Cb.kmx",
                                 "a\x80" "b.kmx", "a\xC0\xAF" "b.kmx", "ab.kmx\xE2\x80", "a\xED\xA0\x80" "b.kmx",
                                 "a\xF4\x90\x80\x80" "b.kmx"}) {
    BOOST_TEST_CONTEXT("name '" << name << "'") {
      BOOST_TEST((code_of([&] { workflows::export_file_name(name, root); }) == errc::bad_input));
    }
  }
  BOOST_CHECK_NO_THROW(workflows::export_file_name("Zürich-東京.kmx", root));
}

BOOST_AUTO_TEST_CASE(a_name_too_long_for_the_staged_file_is_refused_on_the_page) {
  // The writer first creates "<name>.tmp-" and 16 hex digits: 21 more bytes than the name.
  const auto root = source.directory().root();
  const auto name_max = static_cast<std::size_t>(::pathconf(root.c_str(), _PC_NAME_MAX));
  const std::string longest(name_max - 21, 'n');
  BOOST_CHECK_NO_THROW(workflows::export_file_name(longest, root));
  const workflows::export_file_name longest_name(longest, root);
  for (const std::size_t size : {name_max - 20, std::size_t{300}}) {
    try {
      workflows::export_file_name(std::string(size, 'n'), root);
      BOOST_ERROR("a name of " << size << " bytes was accepted");
    } catch (const error& e) {
      BOOST_TEST((e.code() == errc::bad_input), e.what());
      BOOST_TEST(std::string(e.what()).find("at most " + std::to_string(name_max - 21)) != std::string::npos,
                 e.what());
    }
  }
  // The longest accepted name does fit with the writer's temporary suffix.
  transfer::transfer_writer writer(longest_name.path(), source_keys.identity(), destination.certificate(),
                                   transfer::new_transfer_id(), [this] { return clock.now(); });
  writer.finish();
  BOOST_TEST(fs::exists(root / longest));
}

// After a crash the Key Manager deletes "<name>.tmp-" and 16 hex digits beside an export's name:
// an export may not take such a name, or a later interrupted export could delete it.
BOOST_AUTO_TEST_CASE(a_name_like_a_temporary_file_is_refused) {
  BOOST_TEST((code_of([&] {
                workflows::export_file_name("x.kmx.tmp-0123456789abcdef", source.directory().root());
              }) == errc::bad_input));
}

BOOST_AUTO_TEST_CASE(an_existing_file_is_refused) {
  write_text(source.directory().root() / "old.kmx", "x");
  BOOST_TEST((code_of([&] { workflows::export_file_name("old.kmx", source.directory().root()); }) ==
              errc::conflict));
  BOOST_TEST((code_of([&] { workflows::export_file_name("kms.crt", source.directory().root()); }) ==
              errc::conflict));
  BOOST_TEST((code_of([&] { workflows::export_file_name("database", source.directory().root()); }) ==
              errc::conflict));
}

// --- the certificate page ---

BOOST_AUTO_TEST_CASE(the_destination_servers_certificate_is_accepted_in_pem_and_der) {
  const auto pem = dir / "dest.pem";
  const auto der = dir / "dest.der";
  write_text(pem, destination.certificate().pem());
  const auto bytes = destination.certificate().der();
  std::ofstream(der, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                             static_cast<std::streamsize>(bytes.size()));
  const auto own = source.certificate();
  BOOST_TEST(workflows::destination(pem, own, clock.now()).certificate().der() == bytes);
  BOOST_TEST(workflows::destination(der, own, clock.now()).certificate().der() == bytes);
  const workflows::destination checked(pem, own, clock.now());
  BOOST_TEST(checked.sha256_hex() == crypto::sha256_hex(destination.certificate()));
  BOOST_TEST(checked.sha1_hex() == crypto::sha1_hex(destination.certificate()));
  BOOST_TEST(checked.subject() == destination.certificate().subject());
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_certificate_is_refused) {
  write_text(dir / "notes.txt", "not a certificate\n");
  BOOST_TEST((code_of([&] {
                workflows::destination(dir / "notes.txt", source.certificate(), clock.now());
              }) == errc::bad_input));
}

BOOST_AUTO_TEST_CASE(an_expired_or_not_yet_valid_certificate_is_refused) {
  write_text(dir / "dest.pem", destination.certificate().pem());
  const auto own = source.certificate();
  const std::chrono::seconds year{365LL * 24 * 3600};
  BOOST_TEST((code_of([&] { workflows::destination(dir / "dest.pem", own, clock.now() + 20 * year); }) ==
              errc::bad_input));
  BOOST_TEST((code_of([&] { workflows::destination(dir / "dest.pem", own, clock.now() - year); }) ==
              errc::bad_input));
}

BOOST_AUTO_TEST_CASE(a_certificate_whose_key_cannot_receive_encryption_is_refused) {
  const auto key = dir / "sign-only.key";
  const auto cert = dir / "sign-only.pem";
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key.string() + "' -out '" +
                              cert.string() +
                              "' -days 30 -subj '/CN=sign only' -addext 'keyUsage=critical,digitalSignature' "
                              "2>/dev/null";
  BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
  try {
    workflows::destination(cert, source.certificate(), system_clock().now());  // openssl made it valid from now
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::bad_input);
    BOOST_TEST(std::string(e.what()).find("cannot receive") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(this_servers_own_certificate_is_refused) {
  write_text(dir / "own.pem", source.certificate().pem());
  try {
    workflows::destination(dir / "own.pem", source.certificate(), clock.now());
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(std::string(e.what()).find("this server's own") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(an_empty_certificate_path_is_refused) {
  BOOST_TEST((code_of([&] { workflows::destination("", source.certificate(), clock.now()); }) ==
              errc::bad_input));
}

// --- the thumbprint page ---

BOOST_AUTO_TEST_CASE(the_short_code_or_a_whole_thumbprint_confirms_the_destination) {
  auto& checked = to();
  const auto& cert = destination.certificate();
  for (const std::string& typed : {crypto::grouped(crypto::short_code(cert)), crypto::sha1_hex(cert),
                                   crypto::with_colons(crypto::sha256_hex(cert))}) {
    BOOST_TEST_CONTEXT("typed '" << typed << "'") {
      BOOST_TEST(workflows::confirmed_destination(checked, typed).get().sha256_hex() == checked.sha256_hex());
    }
  }
}

BOOST_AUTO_TEST_CASE(another_certificates_thumbprint_is_refused_as_such) {
  try {
    workflows::confirmed_destination(to(), crypto::sha256_hex(source.certificate()));
    BOOST_FAIL("expected a refusal");
  } catch (const workflows::thumbprint_refused& e) {
    BOOST_TEST(e.code() == errc::bad_input);
    BOOST_TEST(e.another_certificate());
    BOOST_TEST(e.reason().find("does not match") != std::string::npos, e.reason());
  }
}

BOOST_AUTO_TEST_CASE(an_sha1_prefix_or_malformed_text_is_refused_as_not_a_thumbprint) {
  const auto sha1 = crypto::sha1_hex(destination.certificate());
  for (const std::string& typed : {sha1.substr(0, 8), std::string("xyz"), std::string(64, 'g')}) {
    BOOST_TEST_CONTEXT("typed '" << typed << "'") {
      try {
        workflows::confirmed_destination(to(), typed);
        BOOST_ERROR("accepted");
      } catch (const workflows::thumbprint_refused& e) {
        BOOST_TEST(!e.another_certificate());
      }
    }
  }
}

// --- the users page ---

BOOST_AUTO_TEST_CASE(a_selection_counts_what_the_export_takes) {
  user("alice", 0);
  user("bob", 0);
  user("sales-carl", 0);
  const auto count = [&](workflows::user_choice choice) {
    return workflows::user_selection(source.db(), choice).count();
  };
  BOOST_TEST(count({workflows::user_scope::all, {}, {}}) == 3);
  BOOST_TEST(count({workflows::user_scope::picked, {"alice", "alice"}, {}}) == 1);
  BOOST_TEST(count({workflows::user_scope::pattern, {}, "SALES-*"}) == 1);
  BOOST_TEST(count({workflows::user_scope::pattern, {}, "Name of b*"}) == 1);
}

BOOST_AUTO_TEST_CASE(an_empty_pick_or_pattern_is_refused) {
  BOOST_CHECK_THROW(workflows::user_selection(source.db(), {workflows::user_scope::picked, {}, {}}),
                    workflows::empty_choice);
  BOOST_CHECK_THROW(workflows::user_selection(source.db(), {workflows::user_scope::pattern, {}, {}}),
                    workflows::empty_choice);
}

BOOST_AUTO_TEST_CASE(an_unknown_alias_or_a_choice_that_covers_nobody_is_refused) {
  user("alice", 0);
  try {
    workflows::user_selection(source.db(), {workflows::user_scope::picked, {"alice", "mallory"}, {}});
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::bad_input);
    BOOST_TEST(std::string(e.what()).find("'mallory'") != std::string::npos, e.what());
  }
  BOOST_TEST((code_of([&] { workflows::user_selection(source.db(), {workflows::user_scope::pattern, {}, "nobody*"}); }) ==
              errc::bad_input));
  // A refused selection leaves the connection free for the next one.
  BOOST_TEST(workflows::user_selection(source.db(), {}).count() == 1);
}

BOOST_AUTO_TEST_CASE(earlier_exports_are_found_for_the_selection_only) {
  user("alice", 1);
  user("bob", 1);
  const auto done = run(request({workflows::user_scope::pattern, {}, "a*"}));
  selection.reset();
  // As a restored backup would, bring alice back under her id.
  source.db().exec("INSERT INTO users (user_id, alias, state, created_at) SELECT user_id, 'alice', 'active', 0 "
                   "FROM transfer_users WHERE transfer_id = '" + done.transfer_id + "'");
  workflows::user_selection everyone(source.db(), {});
  BOOST_TEST(everyone.count() == 2);
  const auto found = workflows::find_earlier_exports(everyone, to().sha256_hex());
  BOOST_TEST(found.users == 1);
  BOOST_TEST(found.aliases == std::vector<std::string>{"alice"});
  BOOST_REQUIRE(found.transfers.size() == 1u);
  BOOST_TEST(found.transfers[0].transfer_id == done.transfer_id);
}

// --- what an interrupted export leaves ---

BOOST_AUTO_TEST_CASE(a_stale_temporary_file_is_named_as_incomplete) {
  write_text(source.directory().root() / "users.kmx.tmp-0123456789abcdef", "partial");
  const auto found = workflows::find_export_leftovers(source.directory().root());
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0] == "users.kmx.tmp-0123456789abcdef");
  BOOST_TEST(workflows::describe_leftover(found[0]).find("incomplete") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_finished_export_leaves_nothing_to_warn_about) {
  user("alice", 1);
  run(request());
  BOOST_TEST(workflows::find_export_leftovers(source.directory().root()).empty());
}

// The run: each request type is refused when it was checked for another Key Manager or has gone
// stale since its page (an expired destination).

BOOST_AUTO_TEST_CASE(a_file_name_checked_for_another_directory_is_refused_at_the_run) {
  user("alice", 1);
  selection.reset();
  selection.emplace(source.db(), workflows::user_choice{});
  const workflows::export_request r{workflows::confirmed_destination(to(), to().sha256_hex()),
                                    workflows::export_file_name("x.kmx", source.directory().database_dir()),
                                    *selection, "admin"};
  BOOST_TEST((code_of([&] { run(r); }) == errc::internal));
  BOOST_TEST(!fs::exists(source.directory().database_dir() / "x.kmx"));
  BOOST_TEST(store::user_repository(source.db()).count() == 1);
}

BOOST_AUTO_TEST_CASE(a_destination_checked_for_another_server_is_refused_at_the_run) {
  user("bob", 1);
  const auto pem = dir / "own.pem";
  std::ofstream(pem) << source.certificate().pem();
  workflows::destination self(pem, destination.certificate(), now());  // checked as if for the destination
  selection.reset();
  selection.emplace(source.db(), workflows::user_choice{});
  const workflows::export_request r{workflows::confirmed_destination(self, self.sha256_hex()),
                                    workflows::export_file_name("self.kmx", source.directory().root()), *selection,
                                    "admin"};
  BOOST_TEST((code_of([&] { run(r); }) == errc::internal));
  BOOST_TEST(!fs::exists(source.directory().root() / "self.kmx"));
}

BOOST_AUTO_TEST_CASE(a_destination_that_expired_since_its_page_is_refused_at_the_run) {
  user("carol", 1);
  auto& checked = to();
  clock.set(destination.certificate().not_after() + std::chrono::hours(24));
  selection.reset();
  selection.emplace(source.db(), workflows::user_choice{});
  const workflows::export_request r{workflows::confirmed_destination(checked, checked.sha256_hex()),
                                    workflows::export_file_name("late.kmx", source.directory().root()), *selection,
                                    "admin"};
  try {
    run(r);
    BOOST_FAIL("an export to an expired certificate ran");
  } catch (const error& e) {
    BOOST_TEST((e.code() == errc::bad_input));
    BOOST_TEST(std::string(e.what()).find("expired on") != std::string::npos, e.what());
  }
  BOOST_TEST(!fs::exists(source.directory().root() / "late.kmx"));
}

BOOST_AUTO_TEST_SUITE_END()
