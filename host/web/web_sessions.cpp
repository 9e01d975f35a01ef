#include "host/web/web_sessions.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace arbor::host::web {
namespace {

bool same_secret(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hex_of(const unsigned char* bytes, std::size_t size) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < size; ++i) {
    text += hex[bytes[i] >> 4];
    text += hex[bytes[i] & 0x0f];
  }
  return text;
}

/// What a cookie or an invitation is kept as.
std::string digest_of(std::string_view secret) {
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  if (EVP_Digest(secret.data(), secret.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != digest.size())
    throw std::runtime_error("OpenSSL's SHA-256 failed");
  return hex_of(digest.data(), digest.size());
}

/// How the log names a session: the first 8 hex digits of its id, which is the cookie's SHA-256,
/// so lines can be followed from an invitation to the session it opened without the cookie.
std::string tag(std::string_view id) { return "session " + std::string(id.substr(0, 8)); }

}  // namespace

std::string random_token() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("OpenSSL's random generator failed");
  std::string text = hex_of(bytes.data(), bytes.size());
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return text;
}

web_sessions::web_sessions(std::string access_token, session_limits limits, sdk::log& log, clock_fn now)
    : access_token_(std::move(access_token)), limits_(limits), log_(log), now_(std::move(now)) {}

sdk::error web_sessions::refuse(std::string_view why, std::string_view client) {
  log_.write(sdk::log_level::warning, "web: " + std::string(why) + " from " + std::string(client) + "; refused");
  return sdk::fail(sdk::reason::denied, "The access token is wrong or was used already.",
                   "open the URL `arbor web` printed once, ask a browser that is logged in for an invitation, "
                   "or restart `arbor web` for a new token");
}

// Every candidate is compared, so the time taken does not tell which one matched.
bool* web_sessions::token_flag(std::string_view token, web_clock::time_point& opened) {
  bool* flag = same_secret(token, access_token_) ? &token_used_ : nullptr;
  const std::string digest = digest_of(token);
  for (invitation& i : invitations_)
    if (same_secret(digest, i.digest)) {
      flag = &i.used;
      opened = i.opened;
    }
  return flag;
}

// The right, unused token always opens a session: a counter that held every token, as this did
// first, let anyone who reaches the port (or any web page the operator visits, through an image
// URL) lock the operator out for good with a wrong token now and then. The token is 128 random
// bits, so what the limit restrains is the audit: past `wrong_tokens` in a window, wrong tokens are
// refused without a log line each, and one line says the limit was reached.
sdk::result<web_session> web_sessions::open(std::string_view token, std::string_view client) {
  std::lock_guard lock(mutex_);
  const auto now = now_();
  sweep(now);
  web_clock::time_point opened = now;
  bool* used = token_flag(token, opened);
  if (used == nullptr || *used) {
    std::erase_if(wrong_, [&](web_clock::time_point t) { return now - t >= limits_.wrong_token_window; });
    if (wrong_.size() >= limits_.wrong_tokens) {
      return sdk::fail(sdk::reason::denied, "Too many wrong access tokens were tried.",
                       "open the URL `arbor web` printed; wrong tokens are no longer logged one by one");
    }
    wrong_.push_back(now);
    if (wrong_.size() == limits_.wrong_tokens) {
      log_.write(sdk::log_level::warning, "web: " + std::to_string(limits_.wrong_tokens) +
                                              " wrong or used access tokens within a minute; further ones are refused "
                                              "without a line each until the minute has passed");
    }
    return refuse(used != nullptr ? "a used access token was replayed" : "a wrong access token was tried", client);
  }
  if (sessions_.size() >= limits_.max_sessions)
    return sdk::fail(sdk::reason::conflict, "Too many web sessions are open.", "log out of one, or wait for it to expire");
  *used = true;
  web_session session;
  session.cookie = random_token();
  session.id = digest_of(session.cookie);
  session.csrf = random_token();
  session.idle_left = limits_.idle;
  sessions_.emplace(session.id, entry{session.csrf, opened, now});
  log_.write(sdk::log_level::info, std::string(used == &token_used_ ? "web: access token" : "web: invitation") +
                                       " accepted from " + std::string(client) + "; " + tag(session.id) + " opened");
  return session;
}

sdk::result<web_invitation> web_sessions::invite(std::string_view id, std::string_view client) {
  std::lock_guard lock(mutex_);
  const auto now = now_();
  sweep(now);
  const auto inviter = sessions_.find(id);
  if (inviter == sessions_.end())
    return sdk::fail(sdk::reason::denied, "This web session has ended.", "open the console again, then invite");
  const auto unused = [](const invitation& i) { return !i.used; };
  const auto oldest_unused = std::find_if(invitations_.begin(), invitations_.end(), unused);
  if (oldest_unused != invitations_.end() &&
      static_cast<std::size_t>(std::count_if(oldest_unused, invitations_.end(), unused)) >= limits_.max_invitations)
    invitations_.erase(oldest_unused);
  web_invitation made{.token = random_token()};
  const auto opened = inviter->second.opened;
  const auto until = std::min(now + limits_.invitation_life, opened + limits_.absolute);
  made.valid = std::chrono::duration_cast<std::chrono::seconds>(until - now);
  invitations_.push_back(invitation{digest_of(made.token), opened, until, false, std::string(id)});
  log_.write(sdk::log_level::info, "web: " + tag(id) + " made an invitation for another browser from " + std::string(client));
  return made;
}

bool web_sessions::expired(const entry& e, web_clock::time_point now) const {
  return now - e.last_used >= limits_.idle || now - e.opened >= limits_.absolute;
}

void web_sessions::sweep(web_clock::time_point now) {
  std::erase_if(invitations_, [&](const invitation& i) { return now >= i.until; });
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (!expired(it->second, now)) {
      ++it;
      continue;
    }
    end(it++, "expired");
  }
}

// An invitation left unused by a session that has ended would let in a browser nobody is
// waiting for any more.
void web_sessions::end(std::map<std::string, entry, std::less<>>::iterator it, std::string_view how) {
  log_.write(sdk::log_level::info, "web: " + tag(it->first) + " " + std::string(how));
  std::erase_if(invitations_, [&](const invitation& i) { return !i.used && i.maker == it->first; });
  ended_.push_back(it->first);
  sessions_.erase(it);
}

std::optional<web_session> web_sessions::find(std::string_view cookie) {
  std::lock_guard lock(mutex_);
  const auto now = now_();
  sweep(now);
  auto it = sessions_.find(digest_of(cookie));
  if (it == sessions_.end()) return std::nullopt;
  it->second.last_used = now;
  const auto absolute_left = std::chrono::duration_cast<std::chrono::milliseconds>(limits_.absolute - (now - it->second.opened));
  return web_session{it->first, {}, it->second.csrf, std::min(limits_.idle, absolute_left)};
}

bool web_sessions::alive(std::string_view id) {
  std::lock_guard lock(mutex_);
  sweep(now_());
  return sessions_.find(id) != sessions_.end();
}

void web_sessions::close(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) end(it, "logged out");
}

std::vector<std::string> web_sessions::take_ended() {
  std::lock_guard lock(mutex_);
  return std::exchange(ended_, {});
}

}  // namespace arbor::host::web
