#define BOOST_TEST_MODULE km_auth_login
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>

#include "auth/administrators.hpp"
#include "auth/login.hpp"
#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/audit_log.hpp"
#include "store/schema.hpp"

using namespace arbor::km;
using auth::credential;

namespace {

constexpr std::int64_t start = 1700000000;

struct fixture {
  testing::scratch_dir dir;
  std::optional<store::sqlite::connection> db{store::schema::open_database(dir / "kms.db")};
  auth::password_hasher hasher{{.iterations = 1, .memory_kib = 8, .parallelism = 1}};
  arbor::km::test_clock clock{start};
  std::optional<auth::login> login{std::in_place, *db, hasher, clock};

  fixture() { auth::administrators(*db, hasher, clock).ensure_initial_admin(); }

  static std::vector<credential> as(std::initializer_list<std::pair<const char*, const char*>> c) {
    std::vector<credential> out;
    for (const auto& [name, password] : c) out.push_back({name, secret(password)});
    return out;
  }

  auth::authorization admin_for(std::string_view task) {
    return login->authorize(task, as({{"admin", "password"}}));
  }

  // Adds bob and carol (passwords "bob-secret", "carol-secret") with admin's authorization.
  void add_bob_and_carol() {
    auth::administrators admins(*db, hasher, clock);
    admins.add(admin_for(auth::manage_administrators_task), "bob", secret("bob-secret"));
    admins.add(admin_for(auth::manage_administrators_task), "carol", secret("carol-secret"));
  }

  void fail(int times) {
    for (int i = 0; i < times; ++i) {
      BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"admin", "wrong"}})), error,
                            [](const error& e) { return e.code() == errc::auth_failed; });
    }
  }

  bool locked(std::string_view task = "export-users") {
    try {
      login->authorize(task, as({{"admin", "password"}}));
      return false;
    } catch (const error& e) {
      if (e.code() != errc::locked_out) throw;
      return true;
    }
  }

  void reopen() {
    login.reset();
    db.reset();
    db.emplace(store::schema::open_database(dir / "kms.db"));
    login.emplace(*db, hasher, clock);
  }
};

bool auth_failed_saying(const error& e, const std::string& words) {
  return e.code() == errc::auth_failed && std::string(e.what()).find(words) != std::string::npos;
}

bool is_auth_failed(const error& e) { return e.code() == errc::auth_failed; }
bool is_locked_out(const error& e) { return e.code() == errc::locked_out; }

// The code and message of a refused login, with the quoted `name` replaced by 'NAME' so
// refusals for different names can be compared.
std::string refusal(auth::login& login, const char* name, const char* password) {
  try {
    login.authorize("export-users", fixture::as({{name, password}}));
    return "granted";
  } catch (const error& e) {
    std::string text = std::to_string(static_cast<int>(e.code())) + ": " + e.what();
    const std::string quoted = "'" + std::string(name) + "'";
    for (auto at = text.find(quoted); at != std::string::npos; at = text.find(quoted, at))
      text.replace(at, quoted.size(), "'NAME'");
    return text;
  }
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_right_password_authorizes_the_task, fixture) {
  const auto granted = login->authorize("export-users", as({{"ADMIN", "password"}}));
  BOOST_TEST(granted.task() == "export-users");
  BOOST_TEST(granted.administrators() == std::vector<std::string>{"admin"});
}

BOOST_FIXTURE_TEST_CASE(wrong_password_and_unknown_name_give_the_same_message, fixture) {
  std::string wrong_password;
  std::string unknown_name;
  try {
    login->authorize("export-users", as({{"admin", "nope"}}));
  } catch (const error& e) {
    wrong_password = e.what();
  }
  try {
    login->authorize("export-users", as({{"mallory", "password"}}));
  } catch (const error& e) {
    unknown_name = e.what();
  }
  BOOST_TEST(!wrong_password.empty());
  BOOST_TEST(wrong_password == unknown_name);
}

// Issue 13 F5: every failure used to count on one row for the whole Key Manager, so three
// attempts under a name that does not exist locked every administrator out.
BOOST_FIXTURE_TEST_CASE(wrong_names_do_not_lock_out_the_administrators, fixture) {
  add_bob_and_carol();
  for (int i = 0; i < 3; ++i) {
    BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"nosuch", "guess"}})), error,
                          is_auth_failed);
  }
  BOOST_CHECK_NO_THROW(login->authorize("export-users", as({{"bob", "bob-secret"}})));
  BOOST_TEST(!locked());
  // Every name has a lockout of its own, an administrator's or not, so what a name answers after
  // failures under other names says nothing about whether it exists.
  BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"NoSuch", "guess"}})), error, is_locked_out);
  BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"other", "guess"}})), error, is_auth_failed);
  BOOST_TEST(!locked());

  std::vector<store::audit_entry> unknown;
  store::audit_log(*db).for_each([&](const store::audit_entry& e) {
    if (e.event == "login" && e.actor == "nosuch") unknown.push_back(e);
  });
  BOOST_REQUIRE(unknown.size() == 3u);
  BOOST_TEST(unknown[0].detail.find("unknown name") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(wrong_passwords_lock_out_only_that_administrator, fixture) {
  add_bob_and_carol();
  for (int i = 0; i < 3; ++i) {
    BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"bob", "wrong"}})), error,
                          is_auth_failed);
  }
  BOOST_TEST(!locked());  // admin logs in
  BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"BOB", "bob-secret"}})), error,
                        is_locked_out);
  BOOST_CHECK_NO_THROW(login->authorize("export-users", as({{"carol", "carol-secret"}})));
  reopen();
  BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"bob", "bob-secret"}})), error,
                        is_locked_out);
  clock.advance(std::chrono::seconds(30));
  BOOST_CHECK_NO_THROW(login->authorize("export-users", as({{"bob", "bob-secret"}})));
}

BOOST_FIXTURE_TEST_CASE(a_login_of_several_administrators_checks_each_ones_lockout, fixture) {
  add_bob_and_carol();
  login->set_policy(admin_for(auth::manage_policy_task), "export-users", 2);
  for (int i = 0; i < 3; ++i) {
    BOOST_CHECK_EXCEPTION(
        login->authorize("export-users", as({{"bob", "wrong"}, {"carol", "carol-secret"}})),
        error, is_auth_failed);
  }
  BOOST_CHECK_NO_THROW(
      login->authorize("export-users", as({{"carol", "carol-secret"}, {"admin", "password"}})));
  BOOST_CHECK_EXCEPTION(
      login->authorize("export-users", as({{"admin", "password"}, {"bob", "bob-secret"}})), error,
      [](const error& e) {
        const std::string text = e.what();
        return is_locked_out(e) && text.find("'bob'") != std::string::npos &&
               text.find("'admin'") == std::string::npos;
      });
}

BOOST_FIXTURE_TEST_CASE(unknown_names_and_wrong_passwords_are_refused_alike_up_to_the_lock,
                        fixture) {
  std::vector<std::string> wrong_password;
  std::vector<std::string> unknown_name;
  for (int i = 0; i < 4; ++i) wrong_password.push_back(refusal(*login, "admin", "nope"));
  for (int i = 0; i < 4; ++i) unknown_name.push_back(refusal(*login, "mallory", "nope"));
  BOOST_TEST(wrong_password == unknown_name, boost::test_tools::per_element());
  BOOST_TEST(wrong_password.back().find("locked") != std::string::npos);
}

// The probe of an attacker who wants to learn names: failures under other names first, then one try
// with a name that exists and one with a name that does not. Both answer the same.
BOOST_FIXTURE_TEST_CASE(failures_under_other_names_do_not_tell_which_names_exist, fixture) {
  for (const char* name : {"x1", "x2", "x3"}) refusal(*login, name, "nope");
  BOOST_TEST(refusal(*login, "nobody", "nope") == refusal(*login, "admin", "nope"));
}

BOOST_FIXTURE_TEST_CASE(three_failures_lock_out_even_the_right_password_for_30_seconds, fixture) {
  fail(2);
  BOOST_TEST(!locked());  // success resets the count
  fail(3);
  BOOST_TEST(locked());
  clock.advance(std::chrono::seconds(29));
  BOOST_TEST(locked());
  clock.advance(std::chrono::seconds(1));
  BOOST_TEST(!locked());
}

BOOST_FIXTURE_TEST_CASE(locked_out_message_says_when_to_retry, fixture) {
  fail(3);
  clock.advance(std::chrono::seconds(10));
  BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"admin", "password"}})), error,
                        [](const error& e) {
                          return e.code() == errc::locked_out &&
                                 std::string(e.what()).find("2023-11-14 22:13:50 UTC (in 20 s)") !=
                                     std::string::npos;
                        });
}

BOOST_FIXTURE_TEST_CASE(each_further_failure_doubles_the_delay_up_to_an_hour, fixture) {
  fail(3);
  clock.advance(std::chrono::seconds(30));
  fail(1);  // fourth failure: 60 s
  clock.advance(std::chrono::seconds(59));
  BOOST_TEST(locked());
  clock.advance(std::chrono::seconds(1));
  fail(1);  // fifth failure: 120 s
  clock.advance(std::chrono::seconds(119));
  BOOST_TEST(locked());
  clock.advance(std::chrono::seconds(1));
  for (std::int64_t delay = 240; delay < 3600; delay *= 2) {
    fail(1);
    clock.advance(std::chrono::seconds(delay));
  }
  fail(1);  // would be 3840 s: capped
  clock.advance(std::chrono::seconds(3599));
  BOOST_TEST(locked());
  clock.advance(std::chrono::seconds(1));
  BOOST_TEST(!locked());
}

BOOST_FIXTURE_TEST_CASE(attempts_while_locked_do_not_extend_the_lock, fixture) {
  fail(3);
  clock.advance(std::chrono::seconds(10));
  BOOST_TEST(locked());
  BOOST_TEST(locked());
  clock.advance(std::chrono::seconds(20));
  BOOST_TEST(!locked());
}

BOOST_FIXTURE_TEST_CASE(the_lockout_survives_reopening_the_database, fixture) {
  fail(3);
  reopen();
  BOOST_TEST(locked());
  clock.advance(std::chrono::seconds(30));
  reopen();
  BOOST_TEST(!locked());
}

BOOST_FIXTURE_TEST_CASE(one_administrator_is_enough_by_default, fixture) {
  add_bob_and_carol();
  BOOST_TEST(login->required_for("export-users") == 1);
  BOOST_CHECK_NO_THROW(login->authorize("export-users", as({{"bob", "bob-secret"}})));
}

BOOST_FIXTURE_TEST_CASE(a_policy_of_two_needs_two_distinct_administrators, fixture) {
  add_bob_and_carol();
  login->set_policy(admin_for(auth::manage_policy_task), "export-users", 2);
  BOOST_CHECK_EXCEPTION(login->authorize("export-users", as({{"bob", "bob-secret"}})), error,
                        [](const error& e) { return auth_failed_saying(e, "needs the passwords of 2"); });
  BOOST_CHECK_EXCEPTION(
      login->authorize("export-users", as({{"bob", "bob-secret"}, {"BOB", "bob-secret"}})), error,
      [](const error& e) { return auth_failed_saying(e, "more than once"); });
  const auto granted =
      login->authorize("export-users", as({{"bob", "bob-secret"}, {"carol", "carol-secret"}}));
  BOOST_TEST(granted.administrators().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(a_policy_of_three_needs_all_three_administrators, fixture) {
  add_bob_and_carol();
  login->set_policy(admin_for(auth::manage_policy_task), "import-users", 3);
  BOOST_CHECK_THROW(
      login->authorize("import-users", as({{"bob", "bob-secret"}, {"carol", "carol-secret"}})),
      error);
  BOOST_CHECK_EXCEPTION(login->authorize("import-users", as({{"bob", "bob-secret"},
                                                             {"carol", "carol-secret"},
                                                             {"admin", "wrong"}})),
                        error,
                        [](const error& e) { return auth_failed_saying(e, "name or password"); });
  BOOST_CHECK_NO_THROW(login->authorize(
      "import-users",
      as({{"bob", "bob-secret"}, {"carol", "carol-secret"}, {"admin", "password"}})));
}

BOOST_FIXTURE_TEST_CASE(managing_administrators_or_the_policy_needs_the_largest_requirement,
                        fixture) {
  add_bob_and_carol();
  login->set_policy(admin_for(auth::manage_policy_task), "export-users", 2);
  BOOST_TEST(login->required_for(auth::manage_administrators_task) == 2);
  BOOST_TEST(login->required_for(auth::manage_policy_task) == 2);
  BOOST_CHECK_THROW(admin_for(auth::manage_administrators_task), error);
  BOOST_CHECK_NO_THROW(login->authorize(auth::manage_administrators_task,
                                        as({{"admin", "password"}, {"carol", "carol-secret"}})));
}

BOOST_FIXTURE_TEST_CASE(too_few_administrators_does_not_count_towards_the_lockout, fixture) {
  add_bob_and_carol();
  login->set_policy(admin_for(auth::manage_policy_task), "export-users", 2);
  for (int i = 0; i < 5; ++i) {
    BOOST_CHECK_THROW(login->authorize("export-users", as({{"bob", "bob-secret"}})), error);
  }
  BOOST_TEST(!locked("revoke-certificates"));
}

// The key-opening tasks open one vault: a database from before they were kept equal may hold
// different rows, and each of them then needs the largest.
BOOST_FIXTURE_TEST_CASE(the_key_opening_tasks_need_the_largest_of_their_rows, fixture) {
  add_bob_and_carol();
  db->exec("INSERT OR REPLACE INTO password_policy (task, required) VALUES ('export-users', 2), ('recover-keys', 1)");
  for (const auto task : auth::key_opening_tasks) BOOST_TEST(login->required_for(task) == 2);
  BOOST_TEST(login->required_for("enroll-users") == 1);
}

BOOST_FIXTURE_TEST_CASE(a_policy_above_the_number_of_administrators_is_refused, fixture) {
  BOOST_CHECK_EXCEPTION(login->set_policy(admin_for(auth::manage_policy_task), "export-users", 2),
                        error, [](const error& e) { return e.code() == errc::bad_input; });
  BOOST_TEST(login->required_for("export-users") == 1);
}

BOOST_FIXTURE_TEST_CASE(the_policy_changes_only_with_a_manage_policy_authorization, fixture) {
  BOOST_CHECK_EXCEPTION(login->set_policy(admin_for("export-users"), "export-users", 1), error,
                        [](const error& e) { return e.code() == errc::internal; });
}

BOOST_FIXTURE_TEST_CASE(every_attempt_is_audited_without_the_password, fixture) {
  login->authorize("export-users", as({{"admin", "password"}}));
  BOOST_CHECK_THROW(login->authorize("import-users", as({{"admin", "hunter2-typo"}})), error);
  BOOST_CHECK_THROW(login->authorize("import-users", as({{"admin", "hunter2-typo"}})), error);
  BOOST_CHECK_THROW(login->authorize("import-users", as({{"admin", "hunter2-typo"}})), error);
  BOOST_CHECK_THROW(login->authorize("import-users", as({{"admin", "password"}})), error);

  std::vector<store::audit_entry> logins;
  store::audit_log(*db).for_each([&](const store::audit_entry& e) {
    if (e.event == "login") logins.push_back(e);
  });
  BOOST_REQUIRE(logins.size() == 5u);
  BOOST_TEST((logins[0].outcome == store::audit_outcome::success));
  BOOST_TEST(logins[0].detail.find("task=export-users") != std::string::npos);
  BOOST_TEST(logins[1].actor == "admin");
  BOOST_TEST((logins[1].outcome == store::audit_outcome::failure));
  BOOST_TEST(logins[4].detail.find("locked out") != std::string::npos);

  reopen();  // checkpoint nothing away: read the files as they are on disk
  for (const char* file : {"kms.db", "kms.db-wal"}) {
    std::ifstream in(dir / file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(bytes.find("hunter2-typo") == std::string::npos, file);
  }
}
