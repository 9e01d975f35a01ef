#define BOOST_TEST_MODULE km_store_key_status
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "store/key_status.hpp"

using namespace arbor::km;

BOOST_AUTO_TEST_CASE(each_status_reads_back_from_its_stored_word) {
  for (const auto s : {store::key_status::valid, store::key_status::revoked, store::key_status::revocation_pending}) {
    BOOST_TEST((store::parse_key_status(store::to_string(s)) == s));
  }
  BOOST_TEST(store::to_string(store::key_status::revocation_pending) == "revocation-pending");
}

BOOST_AUTO_TEST_CASE(an_unknown_word_is_refused_as_corrupt) {
  for (const char* word : {"", "Valid", "revocation_pending", "expired"}) {
    BOOST_CHECK_EXCEPTION(store::parse_key_status(word), error, [&](const error& e) {
      return e.code() == errc::corrupt && std::string(e.technical()).find(word) != std::string::npos;
    });
  }
}
