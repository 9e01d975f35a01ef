#define BOOST_TEST_MODULE km_auth_administrators
#include <boost/test/unit_test.hpp>

#include "auth/administrators.hpp"
#include "auth/login.hpp"
#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/audit_log.hpp"
#include "store/schema.hpp"

#include <chrono>

using namespace arbor::km;

namespace {

struct fixture {
  testing::scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");
  auth::password_hasher hasher{{.iterations = 1, .memory_kib = 8, .parallelism = 1}};
  arbor::km::test_clock clock{1700000000};
  auth::administrators admins{db, hasher, clock};
  auth::login login{db, hasher, clock};

  fixture() { admins.ensure_initial_admin(); }

  auth::authorization as_admin(std::string_view task, const char* password = "password") {
    return login.authorize(task, {{"admin", secret(password)}});
  }
};

bool refused(const error& e, errc code, const char* words) {
  return e.code() == code && std::string(e.what()).find(words) != std::string::npos;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_new_key_manager_starts_with_admin_and_the_default_password, fixture) {
  BOOST_TEST(admins.names() == std::vector<std::string>{"admin"});
  BOOST_TEST(admins.default_password_in_use());
  BOOST_TEST(!admins.ensure_initial_admin());  // only once
  BOOST_CHECK_NO_THROW(as_admin("export-users"));
}

BOOST_FIXTURE_TEST_CASE(with_administrators_the_check_waits_for_no_writer, fixture) {
  // Another connection holds the write lock, as a login does while it checks passwords.
  auto writer = store::schema::open_database(dir / "kms.db");
  store::sqlite::transaction held(writer);
  const auto began = std::chrono::steady_clock::now();
  BOOST_TEST(!admins.ensure_initial_admin());
  BOOST_TEST((std::chrono::steady_clock::now() - began < std::chrono::seconds(1)));
}

BOOST_FIXTURE_TEST_CASE(changing_the_default_password_clears_the_warning, fixture) {
  admins.change_password(as_admin(auth::change_password_task), "admin", secret("s3cret-enough"));
  BOOST_TEST(!admins.default_password_in_use());
  BOOST_CHECK_THROW(as_admin("export-users"), error);
  BOOST_CHECK_NO_THROW(as_admin("export-users", "s3cret-enough"));
}

BOOST_FIXTURE_TEST_CASE(an_administrator_cannot_change_anothers_password_without_managing,
                        fixture) {
  admins.add(as_admin(auth::manage_administrators_task), "bob", secret("bob-secret"));
  BOOST_CHECK_EXCEPTION(
      admins.change_password(as_admin(auth::change_password_task), "bob", secret("new-secret")),
      error, [](const error& e) { return refused(e, errc::bad_input, "log in as 'bob'"); });
  admins.change_password(as_admin(auth::manage_administrators_task), "bob", secret("new-secret"));
  BOOST_CHECK_NO_THROW(login.authorize("export-users", {{"bob", secret("new-secret")}}));
}

BOOST_FIXTURE_TEST_CASE(a_weak_new_password_is_refused, fixture) {
  BOOST_CHECK_EXCEPTION(admins.add(as_admin(auth::manage_administrators_task), "bob",
                                   secret("short")),
                        error, [](const error& e) { return refused(e, errc::bad_input, "too short"); });
  BOOST_CHECK_EXCEPTION(admins.change_password(as_admin(auth::change_password_task), "admin",
                                               secret("password")),
                        error, [](const error& e) { return e.code() == errc::bad_input; });
}

BOOST_FIXTURE_TEST_CASE(adding_needs_a_manage_administrators_authorization, fixture) {
  BOOST_CHECK_EXCEPTION(admins.add(as_admin("export-users"), "bob", secret("bob-secret")), error,
                        [](const error& e) { return e.code() == errc::internal; });
  BOOST_TEST(admins.names().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(an_unusable_name_is_refused, fixture) {
  BOOST_CHECK_THROW(admins.add(as_admin(auth::manage_administrators_task), "a,b",
                               secret("bob-secret")),
                    error);
  BOOST_CHECK_THROW(admins.add(as_admin(auth::manage_administrators_task), "", secret("bob-secret")),
                    error);
}

BOOST_FIXTURE_TEST_CASE(the_last_administrator_cannot_be_removed, fixture) {
  BOOST_CHECK_EXCEPTION(admins.remove(as_admin(auth::manage_administrators_task), "admin"), error,
                        [](const error& e) { return refused(e, errc::bad_input, "last"); });
}

BOOST_FIXTURE_TEST_CASE(removal_below_the_policy_requirement_is_refused, fixture) {
  admins.add(as_admin(auth::manage_administrators_task), "bob", secret("bob-secret"));
  login.set_policy(as_admin(auth::manage_policy_task), "export-users", 2);
  const auto both = login.authorize(auth::manage_administrators_task,
                                    {{"admin", secret("password")}, {"bob", secret("bob-secret")}});
  BOOST_CHECK_EXCEPTION(admins.remove(both, "bob"), error,
                        [](const error& e) { return refused(e, errc::bad_input, "policy"); });
}

BOOST_FIXTURE_TEST_CASE(removal_is_allowed_while_enough_remain, fixture) {
  admins.add(as_admin(auth::manage_administrators_task), "bob", secret("bob-secret"));
  admins.remove(as_admin(auth::manage_administrators_task), "BOB");
  BOOST_TEST(admins.names() == std::vector<std::string>{"admin"});
  BOOST_CHECK_EXCEPTION(admins.remove(as_admin(auth::manage_administrators_task), "bob"), error,
                        [](const error& e) { return e.code() == errc::not_found; });
}

BOOST_FIXTURE_TEST_CASE(changes_are_audited_with_the_actor_and_never_the_password, fixture) {
  admins.add(as_admin(auth::manage_administrators_task), "bob", secret("bob-secret"));
  admins.change_password(as_admin(auth::manage_administrators_task), "bob", secret("new-secret"));
  admins.remove(as_admin(auth::manage_administrators_task), "bob");
  std::vector<std::string> events;
  store::audit_log(db).for_each([&](const store::audit_entry& e) {
    if (e.event != "login") {
      events.push_back(e.event + " by " + e.actor + ": " + e.detail);
    }
    BOOST_TEST(e.detail.find("secret") == std::string::npos);
  });
  BOOST_REQUIRE(events.size() == 4u);
  BOOST_TEST(events[1] == "administrator-added by admin: name=bob");
  BOOST_TEST(events[2] == "password-changed by admin: name=bob");
  BOOST_TEST(events[3] == "administrator-removed by admin: name=bob");
}
