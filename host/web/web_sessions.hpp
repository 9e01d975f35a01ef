#pragma once
// Who may use the web console: whoever holds the one-time access token printed at start trades it
// for a session (a cookie of 128 random bits), which ends on logout, after an idle time, or after
// an absolute lifetime. Wrong and replayed tokens are counted, rate-limited and audited in the
// log (never with the token's value). A web session is not a plugin login: the Key Manager still
// asks its administrators' passwords in each task.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/services.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host::web {

using web_clock = std::chrono::steady_clock;

/// How long sessions live and how many wrong tokens are borne.
struct session_limits {
  std::chrono::milliseconds idle{std::chrono::minutes(15)};
  std::chrono::milliseconds absolute{std::chrono::hours(8)};
  std::size_t wrong_tokens{5};                                 ///< per `wrong_token_window`; then wrong ones go unlogged
  std::chrono::milliseconds wrong_token_window{std::chrono::minutes(1)};
  std::size_t max_sessions{64};
};

/// One browser's session, as the routes see it.
struct web_session {
  std::string id;    ///< the cookie's value
  std::string csrf;  ///< what every POST must carry in X-CSRF-Token
  std::chrono::milliseconds idle_left{0};
};

/// 128 random bits (OpenSSL's RAND_bytes) as 32 lower-case hex digits.
std::string random_token();

class web_sessions {
 public:
  using clock_fn = std::function<web_clock::time_point()>;

  /// `access_token` is the one-time token printed at start; `log` receives the audit lines.
  web_sessions(std::string access_token, session_limits limits, sdk::log& log, clock_fn now = web_clock::now);
  web_sessions(const web_sessions&) = delete;
  web_sessions& operator=(const web_sessions&) = delete;

  /// Trades the access token for a new session. Refused (denied) when the token is wrong or used
  /// already, or while too many wrong tokens were tried (each counted and logged with `client`).
  sdk::result<web_session> open(std::string_view token, std::string_view client);

  /// The live session the cookie names, its idle time restarted; nothing when unknown or expired.
  std::optional<web_session> find(std::string_view cookie);

  /// Ends the session (logout). Unknown ids are ignored.
  void close(std::string_view cookie);

  /// The ids of sessions that ended (logout, expiry) since the last call, so their tasks go too.
  std::vector<std::string> take_ended();

 private:
  struct entry {
    std::string csrf;
    web_clock::time_point opened;
    web_clock::time_point last_used;
  };
  bool expired(const entry& e, web_clock::time_point now) const;
  void sweep(web_clock::time_point now);
  sdk::error refuse(std::string_view why, std::string_view client);

  std::string access_token_;
  bool token_used_{false};
  session_limits limits_;
  sdk::log& log_;
  clock_fn now_;
  std::mutex mutex_;
  std::map<std::string, entry, std::less<>> sessions_;
  std::vector<web_clock::time_point> wrong_;  ///< when wrong tokens came, within the window
  std::vector<std::string> ended_;
};

}  // namespace arbor::host::web
