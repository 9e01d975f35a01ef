#include "auth/login.hpp"

#include <algorithm>
#include <cctype>

#include "common/km_error.hpp"
#include "store/administrators.hpp"
#include "store/audit_log.hpp"
#include "store/lockout.hpp"
#include "store/password_policy.hpp"
#include "store/utc_time.hpp"

namespace arbor::km::auth {
namespace {

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

bool has_duplicate(const std::vector<credential>& credentials) {
  std::vector<std::string> names;
  for (const auto& c : credentials) names.push_back(folded(c.name));
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) != names.end();
}

std::int64_t lock_delay(const lockout_rules& rules, std::int64_t failures) {
  const std::int64_t doublings = std::min<std::int64_t>(failures - rules.free_failures, 30);
  return std::min(rules.first_delay_s << doublings, rules.max_delay_s);
}

}  // namespace

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

// The outcome of checking one attempt, before it is recorded.
struct login::verdict {
  std::vector<std::string> granted_to;  // empty when refused
  std::string message;
  std::string reason;             // for the audit entry
  bool counts_as_failure = false;  // a wrong name or password
};

login::login(store::sqlite::connection& db, const password_hasher& hasher, const clock& clock,
             lockout_rules rules)
    : db_(db), hasher_(hasher), clock_(clock), rules_(rules) {}

std::int64_t login::required_for(std::string_view task) {
  store::policy_repository policy(db_);
  if (task == manage_policy_task || task == manage_administrators_task) return policy.largest();
  return policy.required_for(task);
}

// The stored name when `given` matches an administrator. An unknown name is checked against a
// decoy hash so it costs as long as a wrong password and timing does not reveal which names exist.
std::optional<std::string> login::check_password(const credential& given) {
  const auto admin = store::administrator_repository(db_).find(given.name);
  if (!admin) {
    if (decoy_hash_.empty()) decoy_hash_ = hasher_.hash(secret("decoy"));
    hasher_.verify(decoy_hash_, given.password);
    return std::nullopt;
  }
  if (!hasher_.verify(admin->password_hash, given.password)) return std::nullopt;
  return admin->name;
}

login::verdict login::judge(std::string_view task, const std::vector<credential>& credentials) {
  const std::int64_t required = required_for(task);
  if (credentials.empty()) {
    return {{}, "enter an administrator's name and password", "no credentials",
            false};
  }
  if (has_duplicate(credentials)) {
    return {{},
            "the same administrator was entered more than once: each password must come from a "
            "different administrator",
            "same administrator twice", false};
  }
  if (static_cast<std::int64_t>(credentials.size()) < required) {
    return {{},
            "this task needs the passwords of " + std::to_string(required) +
                " different administrators; " + std::to_string(credentials.size()) + " given",
            "too few administrators", false};
  }
  std::vector<std::string> granted;
  bool all_good = true;
  // Every credential is checked even after a failure, so the time taken does not say which one
  // was wrong.
  for (const auto& c : credentials) {
    const std::optional<std::string> name = check_password(c);
    all_good = all_good && name.has_value();
    if (name) granted.push_back(*name);
  }
  if (!all_good) {
    return {{}, "an administrator name or password is wrong",
            "wrong name or password", true};
  }
  return {granted, {}, "granted", false};
}

authorization login::authorize(std::string_view task, const std::vector<credential>& credentials) {
  if (task.empty()) throw error(errc::internal, "authorize() was called without a task name");
  store::sqlite::transaction tx(db_);
  store::lockout_repository lockout(db_);
  store::audit_log audit(db_);
  const std::int64_t now = clock_.now();
  const std::string actor = joined(names_of(credentials));
  const std::string detail = "task=" + std::string(task) + "; ";

  store::lockout_state state = lockout.get();
  if (now < state.locked_until) {
    audit.append({0, now, actor, "login", store::audit_outcome::failure, detail + "locked out"});
    tx.commit();
    throw error(errc::locked_out,
                "the Key Manager is locked after repeated wrong passwords: try again after " +
                    store::utc_text(state.locked_until) + " (in " +
                    std::to_string(state.locked_until - now) + " s)");
  }

  verdict v = judge(task, credentials);
  if (!v.granted_to.empty()) {
    lockout.set({0, 0});
    audit.append({0, now, joined(v.granted_to), "login", store::audit_outcome::success,
                  detail + v.reason});
    tx.commit();
    return authorization(std::string(task), std::move(v.granted_to));
  }
  if (v.counts_as_failure) {
    state.consecutive_failures += 1;
    if (state.consecutive_failures >= rules_.free_failures) {
      state.locked_until = now + lock_delay(rules_, state.consecutive_failures);
      v.message += "; after " + std::to_string(state.consecutive_failures) +
                   " failures in a row the Key Manager is locked until " +
                   store::utc_text(state.locked_until);
    }
    lockout.set(state);
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
  store::policy_repository(db_).set(task, required);
  store::audit_log(db_).append({0, clock_.now(), auth.actor(), "policy-changed",
                                store::audit_outcome::success,
                                "task=" + std::string(task) + "; required=" +
                                    std::to_string(required)});
  tx.commit();
}

}  // namespace arbor::km::auth
