#pragma once
// Who may use the web console: whoever holds the one-time access token printed at start trades it
// for a session (a cookie of 128 random bits), which ends on logout, after an idle time, or after
// an absolute lifetime. A session may invite a second browser with an invitation: another
// one-time token, good for a few minutes. Wrong and replayed tokens are counted, rate-limited and
// audited in the log (never with the token's value). Sessions are kept under the SHA-256 of their
// cookie, so the lookup's timing says nothing of the cookie and no cookie stays in memory. A web
// session is not a plugin login: the Key Manager still asks its administrators' passwords in
// each task.
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
  std::chrono::milliseconds invitation_life{std::chrono::minutes(10)};
  std::size_t max_invitations{8};  ///< unused at once; a new one past it replaces the oldest
};

/// One browser's session, as the routes see it.
struct web_session {
  std::string id;      ///< the session's name (its tasks', its end's): the cookie's SHA-256 in hex
  std::string cookie;  ///< the cookie's value: only in what open() returns, for Set-Cookie
  std::string csrf;    ///< what every POST must carry in X-CSRF-Token
  std::chrono::milliseconds idle_left{0};
};

/// A one-time token for another browser, and how long it stays good: the configured life, or less
/// when its maker's session reaches its absolute end sooner.
struct web_invitation {
  std::string token;
  std::chrono::seconds valid{0};
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

  /// Trades the access token, or an unexpired invitation, for a new session. Refused (denied)
  /// when the token is wrong or used already, or while too many wrong tokens were tried (each
  /// counted and logged with `client`).
  sdk::result<web_session> open(std::string_view token, std::string_view client);

  /// A new one-time token for a second browser, made by the live session `id` (from `client`, for
  /// the audit line); it opens one session within `invitation_life`. That session ends at `id`'s
  /// absolute lifetime at the latest, so inviting never lengthens one's access.
  sdk::result<web_invitation> invite(std::string_view id, std::string_view client);

  /// The live session the cookie names, its idle time restarted; nothing when unknown or expired.
  std::optional<web_session> find(std::string_view cookie);

  /// Whether the session named `id` is live; its idle time is not restarted.
  bool alive(std::string_view id);

  const session_limits& limits() const noexcept { return limits_; }

  /// Ends the session named `id` (logout). Unknown ids are ignored.
  void close(std::string_view id);

  /// The ids of sessions that ended (logout, expiry) since the last call, so their tasks go too.
  std::vector<std::string> take_ended();

 private:
  struct entry {
    std::string csrf;
    web_clock::time_point opened;
    web_clock::time_point last_used;
  };
  struct invitation {
    std::string digest;  ///< of the token
    web_clock::time_point opened;  ///< when its maker's line began: its session ends with its maker's
    web_clock::time_point until;   ///< at most its maker's absolute end
    bool used;  ///< kept until `until`, so a replay is told from a wrong token
    std::string maker;  ///< the id of the session that made it: unused, it goes with that session
  };
  bool expired(const entry& e, web_clock::time_point now) const;
  void sweep(web_clock::time_point now);
  /// Ends the session `it` names (`how`: "logged out", "expired") with its unused invitations.
  void end(std::map<std::string, entry, std::less<>>::iterator it, std::string_view how);
  /// Where it is kept whether `token` (the access token or an unexpired invitation) was used;
  /// nullptr for any other token. `opened` is set to when the session it opens counts as opened.
  bool* token_flag(std::string_view token, web_clock::time_point& opened);
  sdk::error refuse(std::string_view why, std::string_view client);

  std::string access_token_;
  bool token_used_{false};
  std::vector<invitation> invitations_;  ///< unexpired ones, oldest first
  session_limits limits_;
  sdk::log& log_;
  clock_fn now_;
  std::mutex mutex_;
  std::map<std::string, entry, std::less<>> sessions_;  ///< by id
  std::vector<web_clock::time_point> wrong_;  ///< when wrong tokens came, within the window
  std::vector<std::string> ended_;
};

}  // namespace arbor::host::web
