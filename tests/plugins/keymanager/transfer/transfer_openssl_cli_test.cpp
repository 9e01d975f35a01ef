#define BOOST_TEST_MODULE transfer_openssl_cli_test
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <sstream>

#include "transfer_test_support.hpp"

// The commands below are the ones docs/transfer-format.md gives operators and auditors; if one of
// them changes here it must change there too.

using namespace arbor::km;
using namespace arbor::km::test;

namespace {

struct top_level_object {
  std::size_t offset = 0;
  std::size_t length = 0;  // header and content
};

// `openssl asn1parse` lists every top-level object of the concatenation at depth 0.
std::vector<top_level_object> list_objects(const std::filesystem::path& file) {
  const command_result listing = run("openssl asn1parse -inform DER -in " + quoted(file));
  BOOST_REQUIRE_MESSAGE(listing.exit_code == 0, listing.output);
  std::vector<top_level_object> objects;
  std::istringstream lines(listing.output);
  for (std::string line; std::getline(lines, line);) {
    // "    0:d=0  hl=4 l=8907 cons: SEQUENCE"
    std::size_t offset = 0, header = 0, content = 0;
    if (std::sscanf(line.c_str(), " %zu:d=0 hl=%zu l= %zu cons: SEQUENCE", &offset, &header,
                    &content) == 3) {
      objects.push_back({offset, header + content});
    }
  }
  return objects;
}

// Files an auditor would have: both certificates (PEM) and the destination's key.
struct cli_fixture {
  scratch_dir dir;
  std::filesystem::path file = dir / "users.kmx";
  std::filesystem::path dest_crt = dir / "dest.crt";
  std::filesystem::path dest_key = dir / "dest.key";
  std::filesystem::path source_crt = dir / "source.crt";

  explicit cli_fixture(const crypto::server_identity& destination) {
    write_transfer(dir.path(), "users.kmx", destination.cert(), sample_users(30), 8 * 1024);
    write_text(dest_crt, destination.cert().pem());
    write_text(source_crt, source_server().cert().pem());
    const secret key = destination.key().to_pkcs8_der();
    write_bytes(dir / "dest.key.der", std::vector<std::uint8_t>(key.data(), key.data() + key.size()));
    ::chmod((dir / "dest.key.der").c_str(), 0600);
    const command_result pem =
        run("openssl pkey -inform DER -in " + quoted(dir / "dest.key.der") + " -out " + quoted(dest_key));
    BOOST_REQUIRE_MESSAGE(pem.exit_code == 0, pem.output);
  }

  std::filesystem::path extract(const top_level_object& o, const std::string& name) const {
    const std::filesystem::path out = dir / name;
    const command_result cut = run("tail -c +" + std::to_string(o.offset + 1) + " " + quoted(file) +
                                   " | head -c " + std::to_string(o.length) + " > " + quoted(out));
    BOOST_REQUIRE_MESSAGE(cut.exit_code == 0, cut.output);
    return out;
  }

  // Decrypts with the destination key, verifies against the source certificate, returns the payload.
  std::string open(const std::filesystem::path& object, const std::string& name) const {
    const std::filesystem::path signed_der = dir / (name + ".signed.der");
    const std::filesystem::path payload = dir / (name + ".jsonl");
    const command_result decrypt =
        run("openssl cms -decrypt -binary -inform DER -in " + quoted(object) + " -recip " +
            quoted(dest_crt) + " -inkey " + quoted(dest_key) + " -out " + quoted(signed_der));
    BOOST_REQUIRE_MESSAGE(decrypt.exit_code == 0, decrypt.output);
    const command_result verify =
        run("openssl cms -verify -binary -inform DER -in " + quoted(signed_der) + " -CAfile " +
            quoted(source_crt) + " -out " + quoted(payload));
    BOOST_REQUIRE_MESSAGE(verify.exit_code == 0, verify.output);
    BOOST_TEST(verify.output.find("Verification successful") != std::string::npos);
    const std::vector<std::uint8_t> bytes = read_bytes(payload);
    return std::string(bytes.begin(), bytes.end());
  }
};

void check_cli_opens_first_segment_and_trailer(const crypto::server_identity& destination) {
  const cli_fixture f(destination);
  const std::vector<top_level_object> objects = list_objects(f.file);
  BOOST_REQUIRE_EQUAL(objects.size(), split_objects(f.file).size());
  BOOST_TEST(objects.back().offset + objects.back().length == std::filesystem::file_size(f.file));

  const std::string segment = f.open(f.extract(objects.front(), "segment0.der"), "segment0");
  const std::string first_line = segment.substr(0, segment.find('\n'));
  BOOST_TEST(first_line.find(R"("format":"arbor-kms-transfer","version":1,"kind":"segment")") !=
             std::string::npos);
  BOOST_TEST(first_line.find(R"("index":0)") != std::string::npos);
  BOOST_TEST(segment.find(R"({"user_id":"u-0",)") != std::string::npos);

  const std::string trailer = f.open(f.extract(objects.back(), "trailer.der"), "trailer");
  BOOST_TEST(trailer.find(R"("kind":"trailer")") != std::string::npos);
  BOOST_TEST(trailer.find(R"("users":30)") != std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_CASE(openssl_cli_opens_a_segment_sent_to_an_rsa_destination) {
  check_cli_opens_first_segment_and_trailer(rsa_destination());
}

BOOST_AUTO_TEST_CASE(openssl_cli_opens_a_segment_sent_to_an_ec_destination) {
  check_cli_opens_first_segment_and_trailer(ec_destination());
}

BOOST_AUTO_TEST_CASE(openssl_cli_shows_the_algorithms_the_format_promises) {
  const cli_fixture f(rsa_destination());
  const command_result dump = run("openssl cms -cmsout -print -inform DER -in " +
                                  quoted(f.extract(list_objects(f.file).front(), "s0.der")));
  BOOST_REQUIRE_MESSAGE(dump.exit_code == 0, dump.output);
  BOOST_TEST(dump.output.find("id-smime-ct-authEnvelopedData") != std::string::npos);
  BOOST_TEST(dump.output.find("aes-256-gcm") != std::string::npos);
  BOOST_TEST(dump.output.find("rsaesOaep") != std::string::npos);
  BOOST_TEST(dump.output.find("sha256") != std::string::npos);
  BOOST_TEST(dump.output.find("mgf1") != std::string::npos);
}
