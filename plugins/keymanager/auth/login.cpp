#include "auth/login.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>

#include "common/km_error.hpp"
#include "store/administrators.hpp"
#include "store/audit_log.hpp"
#include "store/lockout.hpp"
#include "store/password_policy.hpp"
#include "common/utc_time.hpp"

namespace arbor::km::auth {
namespace {

/// One login checks passwords at a time in this process. Each holds the database's write lock
/// while it does (the lockout count and the check are one transaction), so logins made at once
/// (the web console's tasks, on threads of their own) queue anyway: here they wait their turn,
/// where on SQLite's lock the last in a long line would fail "busy" after its 5 s. It also keeps
/// their Argon2id memory from adding up.
std::mutex& password_checks() {
  static std::mutex checks;
  return checks;
}

// Administrator names compare like the database compares them (ASCII case-insensitive).
std::string folded(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::vector<std::string> names_of(const std::vector<credential>& credentials) {
  std::vector<std::string> names;
  for (const auto& c : credentials) names.push_back(c.name);
  return names;
}

bool has_duplicate(std::vector<std::string> names) {
  for (auto& name : names) name = folded(name);
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) != names.end();
}

std::chrono::seconds lock_delay(const lockout_rules& rules, std::int64_t failures) {
  const std::int64_t doublings = std::min<std::int64_t>(failures - rules.free_failures, 30);
  return std::min(std::chrono::seconds(rules.first_delay.count() << doublings), rules.max_delay);
}

}  // namespace

bool opens_keys(std::string_view task) {
  return std::find(key_opening_tasks.begin(), key_opening_tasks.end(), task) != key_opening_tasks.end();
}

std::string authorization::actor() const { return joined(administrators_); }

bool authorization::includes(std::string_view name) const {
  return std::any_of(administrators_.begin(), administrators_.end(),
                     [&](const std::string& a) { return folded(a) == folded(name); });
}

void authorization::require_task(std::string_view task) const {
  if (task_ != task) {
    throw error(errc::internal, "an operation was attempted with the wrong authorization",
                "granted for '" + task_ + "', needed '" + std::string(task) + "'");
  }
}

// One credential as checked: whose lockout it counts in, and whether its password was right.
struct login::attempt {
  const credential* given;
  std::optional<store::administrator_record> admin;  // nullopt: no administrator has this name
  bool password_right = false;

  // Every name counts on its own, an administrator's or not: failures under other names, existing
  // or not, never lock an administrator out, and how a name answers says nothing of whether it
  // exists.
  std::string_view bucket() const { return admin ? std::string_view(admin->name) : std::string_view(given->name); }
};

// The outcome of checking one attempt, before it is recorded.
struct login::verdict {
  bool granted = false;
  std::string message;
  std::string reason;              // for the audit entry
  bool passwords_checked = false;  // each attempt's password_right is meaningful
};

login::login(store::sqlite::connection& db, const password_hasher& hasher, const clock& clock,
             lockout_rules rules)
    : db_(db), hasher_(hasher), clock_(clock), rules_(rules) {}

std::int64_t login::required_for(std::string_view task) {
  store::policy_repository policy(db_);
  if (task == manage_policy_task || task == manage_administrators_task) return policy.largest();
  if (opens_keys(task)) return key_threshold();  // rows of an older database may still differ
  return policy.required_for(task);
}

std::int64_t login::key_threshold() {
  store::policy_repository policy(db_);
  std::int64_t most = 1;
  for (const auto task : key_opening_tasks) most = std::max(most, policy.required_for(task));
  return most;
}

std::vector<login::attempt> login::look_up(const std::vector<credential>& credentials) {
  store::administrator_repository admins(db_);
  std::vector<attempt> attempts;
  for (const auto& c : credentials) attempts.push_back({&c, admins.find(c.name)});
  return attempts;
}

// A name that is not an administrator is checked against a real administrator's hash and the
// answer ignored: it costs what a wrong password costs, with the same Argon2 parameters, so the
// time taken does not say which names exist.
void login::check_password(attempt& a) {
  if (a.admin) {
    a.password_right = hasher_.verify(a.admin->password_hash, a.given->password);
    return;
  }
  const auto admins = store::administrator_repository(db_).list();
  if (!admins.empty()) hasher_.verify(admins.front().password_hash, a.given->password);
}

login::verdict login::judge(std::string_view task, std::vector<attempt>& attempts) {
  const std::int64_t required = required_for(task);
  if (attempts.empty()) {
    return {false, "enter an administrator's name and password", "no credentials", false};
  }
  std::vector<std::string> names;
  for (const auto& a : attempts) names.push_back(a.given->name);
  if (has_duplicate(names)) {
    return {false,
            "the same administrator was entered more than once: each password must come from a "
            "different administrator",
            "same administrator twice", false};
  }
  if (static_cast<std::int64_t>(attempts.size()) < required) {
    return {false,
            "this task needs the passwords of " + std::to_string(required) +
                " different administrators; " + std::to_string(attempts.size()) + " given",
            "too few administrators", false};
  }
  // Every credential is checked even after a failure, so the time taken does not say which one
  // was wrong.
  std::vector<std::string> wrong;
  for (auto& a : attempts) {
    check_password(a);
    if (!a.admin) wrong.push_back("unknown name " + a.given->name);
    if (a.admin && !a.password_right) wrong.push_back("wrong password for " + a.admin->name);
  }
  if (!wrong.empty()) {
    return {false, "an administrator name or password is wrong",
            "wrong name or password: " + joined(wrong), true};
  }
  return {true, {}, "granted", true};
}

// Counts a failure in the bucket of `a`. When that starts a lock, says so in `v`.
void login::count_failure(const attempt& a, std::chrono::sys_seconds now, verdict& v) {
  store::lockout_repository lockout(db_);
  store::lockout_state state = lockout.get(a.bucket());
  state.consecutive_failures += 1;
  if (state.consecutive_failures >= rules_.free_failures) {
    state.locked_until = now + lock_delay(rules_, state.consecutive_failures);
    // Named as typed, so an unknown name reads like an administrator's.
    v.message += "; after repeated failures '" + a.given->name + "' is locked until " +
                 utc_text(state.locked_until);
    v.reason += "; " + a.given->name + " locked until " + utc_text(state.locked_until);
  }
  lockout.set(a.bucket(), state);
}

authorization login::authorize(std::string_view task, const std::vector<credential>& credentials) {
  if (task.empty()) throw error(errc::internal, "authorize() was called without a task name");
  const std::lock_guard one_at_a_time(password_checks());
  store::sqlite::transaction tx(db_);
  store::lockout_repository lockout(db_);
  store::audit_log audit(db_);
  const auto now = clock_.now();
  const std::string actor = joined(names_of(credentials));
  const std::string detail = "task=" + std::string(task) + "; ";
  std::vector<attempt> attempts = look_up(credentials);

  // Each name given has its own lockout; no password is checked while any of them runs.
  std::vector<std::string> locked;
  std::chrono::sys_seconds locked_until{};
  for (const auto& a : attempts) {
    const store::lockout_state state = lockout.get(a.bucket());
    if (now >= state.locked_until) continue;
    locked.push_back("'" + a.given->name + "'");
    locked_until = std::max(locked_until, state.locked_until);
  }
  if (!locked.empty()) {
    audit.append({0, now, actor, "login", store::audit_outcome::failure,
                  detail + "locked out: " + joined(locked)});
    tx.commit();
    throw error(errc::locked_out,
                joined(locked) + (locked.size() == 1 ? " is" : " are") +
                    " locked after repeated wrong passwords: try again after " +
                    utc_text(locked_until) + " (in " + std::to_string((locked_until - now).count()) +
                    " s)");
  }

  verdict v = judge(task, attempts);
  if (v.passwords_checked) {
    for (const auto& a : attempts) {
      if (a.password_right) {
        lockout.clear(a.bucket());
      } else {
        count_failure(a, now, v);
      }
    }
  }
  if (v.granted) {
    std::vector<std::string> granted;
    for (const auto& a : attempts) granted.push_back(a.admin->name);
    audit.append({0, now, joined(granted), "login", store::audit_outcome::success,
                  detail + v.reason});
    tx.commit();
    return authorization(std::string(task), std::move(granted));
  }
  audit.append({0, now, actor, "login", store::audit_outcome::failure, detail + v.reason});
  tx.commit();
  throw error(errc::auth_failed, v.message);
}

void login::set_policy(const authorization& auth, std::string_view task, std::int64_t required) {
  auth.require_task(manage_policy_task);
  store::sqlite::transaction tx(db_);
  const std::int64_t admins = store::administrator_repository(db_).count();
  if (required > admins) {
    throw error(errc::bad_input, "a task cannot need " + std::to_string(required) +
                                     " administrators: there are only " + std::to_string(admins) +
                                     ". Add administrators first.");
  }
  store::policy_repository policy(db_);
  const std::string tasks = opens_keys(task) ? "export-users, import-users, recover-keys, restore-database"
                                             : std::string(task);
  if (opens_keys(task))
    for (const auto each : key_opening_tasks) policy.set(each, required);
  else
    policy.set(task, required);
  store::audit_log(db_).append({0, clock_.now(), auth.actor(), "policy-changed", store::audit_outcome::success,
                                "task=" + tasks + "; required=" + std::to_string(required)});
  tx.commit();
}

}  // namespace arbor::km::auth
