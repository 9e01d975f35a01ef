#include "store/tokens.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

#include "common/hex.hpp"
#include "common/km_error.hpp"
#include "store/users.hpp"
#include "store/random_id.hpp"
#include "common/utc_time.hpp"

namespace arbor::km::store {
namespace {

std::string_view word_for(token_purpose purpose) {
  return purpose == token_purpose::enroll ? "enroll" : "recover";
}

std::string_view task_for(token_purpose purpose) {
  return purpose == token_purpose::enroll ? "enrollment" : "key recovery";
}

std::string token_hash(const secret& token) {
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw error(errc::internal, "could not hash an enrollment token", "EVP_Digest(SHA-256) failed");
  }
  return to_hex(std::span(digest.data(), size));
}

// The clear token only ever lives in a secret; the hex text it is made from is wiped at once.
secret new_token() {
  std::string text = random_id();
  secret token(text);
  OPENSSL_cleanse(text.data(), text.size());
  return token;
}

}  // namespace

issued_token token_repository::issue(std::string_view user_id, token_purpose purpose,
                                     std::chrono::sys_seconds now, std::chrono::seconds lifetime) {
  if (lifetime <= std::chrono::seconds::zero()) {
    throw error(errc::bad_input, "a token lifetime must be at least one second",
                "lifetime = " + std::to_string(lifetime.count()) + " s");
  }
  sqlite::transaction tx(db_);
  if (!user_repository(db_).find_by_id(user_id)) {
    throw error(errc::not_found,
                "cannot issue a token for user " + std::string(user_id) + ": no such user");
  }
  issued_token issued{random_id(), new_token(), now + lifetime};
  auto insert = db_.prepare(
      "INSERT INTO enrollment_tokens (token_id, user_id, purpose, token_hash, created_at, "
      "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, issued.token_id).bind(2, user_id).bind(3, word_for(purpose));
  insert.bind(4, token_hash(issued.token)).bind(5, now).bind(6, issued.expires_at);
  insert.run();
  tx.commit();
  return issued;
}

redeemed_token token_repository::redeem(const secret& token, token_purpose purpose,
                                        std::chrono::sys_seconds now) {
  sqlite::transaction tx(db_);
  auto query = db_.prepare(
      "SELECT token_id, user_id, purpose, expires_at, used_at FROM enrollment_tokens "
      "WHERE token_hash = ?1");
  query.bind(1, token_hash(token));
  if (!query.step()) {
    throw error(errc::not_found,
                "this token is not known: check that it was copied completely, or ask an "
                "administrator for a new one");
  }
  redeemed_token found{query.column_text(0), query.column_text(1), purpose};
  const std::string stored_purpose = query.column_text(2);
  const auto expires_at = query.column_time(3);
  const auto used_at = query.column_optional_time(4);

  if (stored_purpose != word_for(purpose)) {
    const token_purpose other =
        purpose == token_purpose::enroll ? token_purpose::recover : token_purpose::enroll;
    throw error(errc::bad_input, "this token was issued for " + std::string(task_for(other)) +
                                     ", not for " + std::string(task_for(purpose)));
  }
  if (used_at) {
    throw error(errc::conflict, "this token was already used on " + utc_text(*used_at) +
                                    ": a token works once; ask an administrator for a new one");
  }
  if (now >= expires_at) {
    throw error(errc::bad_input, "this token expired on " + utc_text(expires_at) +
                                     ": ask an administrator for a new one");
  }
  auto mark = db_.prepare("UPDATE enrollment_tokens SET used_at = ?1 WHERE token_id = ?2");
  mark.bind(1, now).bind(2, found.token_id).run();
  tx.commit();
  return found;
}

}  // namespace arbor::km::store
