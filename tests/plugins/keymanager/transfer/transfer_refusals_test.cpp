#define BOOST_TEST_MODULE transfer_refusals_test
#include <boost/test/unit_test.hpp>

#include <openssl/cms.h>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"
#include "crypto/thumbprint.hpp"
#include "crypto/cms_open.hpp"
#include "crypto/cms_seal.hpp"
#include "transfer/payload_head.hpp"
#include "transfer/transfer_reader.hpp"
#include "../crypto/forged_certificate.hpp"
#include "transfer_test_support.hpp"

using namespace arbor::km;
using namespace arbor::km::test;

namespace {

// A file of 40 users in several segments, from the source server to the EC destination.
struct fixture {
  scratch_dir dir;
  std::filesystem::path file = dir / "users.kmx";
  transfer::trailer_facts trailer =
      write_transfer(dir.path(), "users.kmx", ec_destination().cert(), sample_users(40), 8 * 1024);
  std::vector<std::vector<std::uint8_t>> objects = split_objects(file);

  void rewrite() { join_objects(file, objects); }
  // The header line every segment starts with, as the writer would write it.
  std::string header(std::int64_t index, const std::string& destination_sha256) const {
    return transfer::encode_segment_header(
        {trailer.transfer_id, index, trailer.source_sha256, destination_sha256});
  }
};

// Runs a full pass as the EC destination and checks the error's code and a phrase of its message.
void require_refusal(const std::filesystem::path& file, errc code, const std::string& phrase,
                     const crypto::server_identity& self = ec_destination(),
                     std::chrono::sys_seconds now = t0 + 1h) {
  const transfer::transfer_reader reader(file, self, fixed_clock(now));
  try {
    reader.read([](user_record&&) {});
    BOOST_ERROR("the file was accepted");
  } catch (const error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(code), "message: " << e.what());
    BOOST_TEST(std::string(e.what()).find(phrase) != std::string::npos, "message: " << e.what());
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(reader, fixture)

BOOST_AUTO_TEST_CASE(reader_refuses_a_file_encrypted_to_another_server) {
  require_refusal(file, errc::bad_input, "encrypted to another Key Management server", rsa_destination());
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_file_exported_by_this_server_itself) {
  // A file the writer would never produce: source and destination are the same server.
  const std::string own = crypto::sha256_hex(ec_destination().cert());
  objects = {forge_object(header(0, own) + "{}\n", ec_destination(), ec_destination().cert())};
  rewrite();
  require_refusal(file, errc::bad_input, "exported by this server itself");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_file_whose_header_names_another_destination) {
  // Encrypted to us, but signed as meant for another server: redirected.
  const std::string elsewhere = crypto::sha256_hex(rsa_destination().cert());
  objects[0] = forge_object(header(0, elsewhere) + "{}\n", source_server(), ec_destination().cert());
  rewrite();
  require_refusal(file, errc::bad_input,
                  "exported to another Key Management server (certificate " +
                      crypto::with_colons(elsewhere).substr(0, 8));
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_tampered_byte_inside_a_segment) {
  objects[1][objects[1].size() / 2] ^= 0x01;
  rewrite();
  require_refusal(file, errc::crypto, "could not be decrypted");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_file_whose_trailer_is_missing) {
  objects.pop_back();
  rewrite();
  require_refusal(file, errc::corrupt, "ends without its trailer");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_file_cut_in_the_middle_of_a_segment) {
  std::vector<std::uint8_t> bytes = read_bytes(file);
  bytes.resize(objects[0].size() + objects[1].size() / 2);
  write_bytes(file, bytes);
  require_refusal(file, errc::corrupt, "ends inside the object");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_dropped_segment) {
  objects.erase(objects.begin() + 1);
  rewrite();
  require_refusal(file, errc::corrupt, "segment 1 is missing");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_dropped_last_segment) {
  objects.erase(objects.end() - 2);
  rewrite();
  require_refusal(file, errc::corrupt, "segments but the file has");
}

BOOST_AUTO_TEST_CASE(reader_refuses_reordered_segments) {
  std::swap(objects[1], objects[2]);
  rewrite();
  require_refusal(file, errc::corrupt, "segment 1 is missing");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_repeated_segment) {
  objects.insert(objects.begin() + 2, objects[1]);
  rewrite();
  require_refusal(file, errc::corrupt, "segment 1 appears again or out of order");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_trailer_from_another_transfer) {
  write_transfer(dir.path(), "other.kmx", ec_destination().cert(), sample_users(40), 8 * 1024);
  objects.back() = split_objects(dir / "other.kmx").back();
  rewrite();
  require_refusal(file, errc::corrupt, "belongs to another transfer");
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_segment_replaced_under_the_same_index_and_counts) {
  // Same transfer, index and counts, one byte of content changed: only the hash chain notices.
  crypto::opened_payload opened =
      crypto::open_payload(objects[1], ec_destination().cert(), ec_destination().key(), "segment 1");
  std::string payload(opened.payload.view());
  payload[payload.find("@example.org")] = '#';
  objects[1] = forge_object(payload, source_server(), ec_destination().cert());
  rewrite();
  require_refusal(file, errc::corrupt, "not the ones the trailer was signed over");
}

BOOST_AUTO_TEST_CASE(reader_refuses_data_after_the_trailer) {
  objects.push_back(objects[0]);
  rewrite();
  require_refusal(file, errc::corrupt, "data after the trailer");
}

BOOST_AUTO_TEST_CASE(reader_refuses_an_unknown_format_version) {
  std::string payload = header(0, trailer.destination_sha256);
  payload.replace(payload.find("\"version\":1"), 11, "\"version\":7");
  objects[0] = forge_object(payload + "{}\n", source_server(), ec_destination().cert());
  rewrite();
  require_refusal(file, errc::bad_input, "format version 7 is not supported by this Key Manager");
}

BOOST_AUTO_TEST_CASE(reader_refuses_an_expired_file) {
  require_refusal(file, errc::bad_input, "expired on 2025-03-31T12:00:00Z", ec_destination(),
                  t0 + std::chrono::days(30));
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_file_signed_for_longer_than_thirty_days) {
  // Signed by the source for 340 days: a file lost or copied stays usable for most of a year.
  write_transfer(dir.path(), "long.kmx", ec_destination().cert(), sample_users(2), 8 * 1024,
                 transfer::new_transfer_id(), std::chrono::days(340));
  require_refusal(dir / "long.kmx", errc::bad_input, "valid for 340 days; at most 30 are accepted");
}

BOOST_AUTO_TEST_CASE(reader_accepts_a_file_valid_for_exactly_thirty_days) {
  const transfer::transfer_reader reader(file, ec_destination(), fixed_clock(t0 + 1h));
  BOOST_CHECK_NO_THROW(reader.verify());
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_segment_signed_by_another_server) {
  objects[1] = forge_object(header(1, trailer.destination_sha256), other_server(), ec_destination().cert());
  rewrite();
  require_refusal(file, errc::crypto, "signed by another certificate");
}

// Issue 13, F2: a forger varies signature bytes of a certificate to grind its thumbprint. Every
// binding in the file names the altered certificate, so only its own signature gives it away.
BOOST_AUTO_TEST_CASE(preview_refuses_a_signer_whose_certificate_signature_bytes_were_changed) {
  const auto altered = with_signature_altered(source_server().cert());
  const auto head = transfer::encode_segment_header(
      {trailer.transfer_id, 0, crypto::sha256_hex(altered), trailer.destination_sha256});
  objects = {crypto::seal_payload(head + "{}\n", altered, source_server().key(), ec_destination().cert())};
  rewrite();
  const transfer::transfer_reader reader(file, ec_destination(), fixed_clock(t0 + 1h));
  BOOST_CHECK_EXCEPTION(reader.preview(), error, [](const error& e) {
    return e.code() == errc::crypto &&
           std::string(e.what()).find("not signed by a Key Management server's certificate") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(reader_asks_the_caller_about_the_signer_before_using_the_file) {
  transfer::transfer_reader reader(file, ec_destination(), fixed_clock(t0));
  std::string asked;
  reader.decide_signer_with([&](const std::string& sha256) {
    asked = sha256;
    throw error(errc::bad_input, "not this one");
  });
  BOOST_CHECK_EXCEPTION(reader.verify(), error, [](const error& e) { return std::string(e.what()) == "not this one"; });
  BOOST_TEST(asked == crypto::sha256_hex(source_server().cert()));
  BOOST_CHECK_THROW(reader.preview(), error);
}

BOOST_AUTO_TEST_CASE(reader_refuses_rsa_pkcs1_key_transport) {
  // A well-formed CMS message a generic tool would produce by default: RSA PKCS#1 v1.5.
  const crypto::ossl::bio_ptr in(BIO_new_mem_buf("x", 1));
  X509* recipient = rsa_destination().cert().native();
  STACK_OF(X509)* certs = sk_X509_new_null();
  sk_X509_push(certs, recipient);
  const crypto::ossl::cms_ptr cms(CMS_encrypt(certs, in.get(), EVP_aes_256_gcm(), CMS_BINARY));
  sk_X509_free(certs);
  BOOST_REQUIRE(cms);
  std::vector<std::uint8_t> der(static_cast<std::size_t>(i2d_CMS_ContentInfo(cms.get(), nullptr)));
  unsigned char* p = der.data();
  i2d_CMS_ContentInfo(cms.get(), &p);
  objects = {der};
  rewrite();
  require_refusal(file, errc::crypto, "key transport rsaEncryption", rsa_destination());
}

BOOST_AUTO_TEST_CASE(reader_refuses_a_file_that_is_not_a_transfer_file) {
  write_text(file, "-----BEGIN CMS-----\n");
  require_refusal(file, errc::corrupt, "not a Key Manager transfer file");
  write_text(file, "");
  require_refusal(file, errc::bad_input, "is empty");
}

BOOST_AUTO_TEST_SUITE_END()
