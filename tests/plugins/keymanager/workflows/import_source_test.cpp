#define BOOST_TEST_MODULE import_source_test
// Who signed a transfer file, and the operator's acceptance of it: only the thumbprint of the
// file's own signer makes an accepted_source.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

#include "crypto/thumbprint.hpp"
#include "export_fixture.hpp"
#include "workflows/complete_enrollment.hpp"
#include "workflows/import_source.hpp"
#include "workflows/import_users.hpp"

using namespace arbor::km;

namespace {

struct import_fixture : testing::export_fixture {
  workflows::import_source source_of_file() {
    user("alice", 1);
    std::filesystem::copy_file(run(request()).file, destination.directory().root() / "users.kmx");
    return workflows::import_source(destination, destination_keys, workflows::import_file(destination.directory(), "users.kmx"));
  }

  static std::string words(std::string_view reason, bool) { return "[" + std::string(reason) + "]"; }

  // True when accepting `typed` is refused as bad input with a message holding `says`.
  static bool refused(const workflows::import_source& file, const std::string& typed, const std::string& says) {
    try {
      workflows::accepted_source accepted(file, typed, words);
    } catch (const error& e) {
      BOOST_TEST_MESSAGE(e.what());
      return e.code() == errc::bad_input && std::string(e.what()).find(says) != std::string::npos;
    }
    return false;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_signer_is_shown_as_the_source_server_certificate, import_fixture) {
  const auto file = source_of_file();
  const auto& cert = source.certificate();
  BOOST_TEST(file.signer().subject == cert.subject());
  BOOST_TEST(file.signer().sha1 == crypto::with_colons(crypto::sha1_hex(cert)));
  BOOST_TEST(file.signer().sha256 == crypto::with_colons(crypto::sha256_hex(cert)));
  BOOST_TEST(!file.signer().transfer_id.empty());
  BOOST_TEST(file.sha256_hex() == crypto::sha256_hex(cert));
}

BOOST_FIXTURE_TEST_CASE(the_signer_thumbprint_is_accepted_with_colons_or_without, import_fixture) {
  const auto file = source_of_file();
  const workflows::accepted_source accepted(file, file.signer().sha256, words);
  BOOST_TEST(accepted.sha256_hex() == file.sha256_hex());
  BOOST_TEST(accepted.file().path() == file.file().path());
  BOOST_TEST(workflows::accepted_source(file, file.signer().sha1, words).sha256_hex() == file.sha256_hex());
}

BOOST_FIXTURE_TEST_CASE(another_certificate_thumbprint_is_refused_saying_not_to_import, import_fixture) {
  const auto file = source_of_file();
  const auto other = crypto::sha256_hex(destination.certificate());
  BOOST_TEST(refused(file, other, "] The file was not signed by the server you expect: do not import it."));
}

BOOST_FIXTURE_TEST_CASE(a_file_replaced_by_another_server_export_after_acceptance_is_refused, import_fixture) {
  const auto file = source_of_file();
  const workflows::accepted_source accepted(file, file.signer().sha256, words);
  // Another server exports to the same destination; its file takes the accepted file's place.
  auto other = open("other", "Other KMS");
  std::vector<workflows::new_user> users{{"bob", "Bob", "bob@example.org", {}}};
  auto invited = std::move(workflows::add_users(other, users).front());
  workflows::issue_user_key(other, ca, {"bob", invited.token}, workflows::pkcs12_password(secret("user-chosen-pw")));
  workflows::user_selection everyone(other.db(), {});
  const auto pem = dir / "destination-for-other.pem";
  std::ofstream(pem) << destination.certificate().pem();
  workflows::destination to_destination(pem, other.certificate(), now());
  const workflows::export_request from_other{workflows::confirmed_destination(to_destination, to_destination.sha256_hex()),
                                             workflows::export_file_name("users.kmx", other.directory().root()),
                                             everyone, "admin"};
  const auto replacement = workflows::export_users(other, testing::admin_keys(other), from_other, {&ca, {}}, observer).file;
  std::filesystem::copy_file(replacement, file.file().path(), std::filesystem::copy_options::overwrite_existing);
  BOOST_CHECK_EXCEPTION(workflows::plan_import(destination, destination_keys, accepted), error, [](const error& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.code() == errc::bad_input && std::string(e.what()).find("it was replaced; start the import again") !=
                                              std::string::npos;
  });
}

BOOST_FIXTURE_TEST_CASE(what_is_no_thumbprint_is_refused_in_the_caller_words, import_fixture) {
  const auto file = source_of_file();
  BOOST_TEST(refused(file, "", "["));
  BOOST_TEST(refused(file, "not a thumbprint", "["));
  BOOST_TEST(refused(file, file.sha256_hex().substr(0, 40) + "zz", "["));
  BOOST_TEST(!refused(file, "", "do not import it"));
}
