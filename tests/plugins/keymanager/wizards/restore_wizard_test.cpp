#define BOOST_TEST_MODULE restore_wizard_test
// Restore Database through the SDK interface the console uses: a backup whose rows the store
// accepts is still refused when its sealed keys do not open under this server's master key.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "../workflows/export_fixture.hpp"
#include "store/backup.hpp"
#include "store/users.hpp"
#include "wizards/factories.hpp"

using namespace arbor;
using namespace arbor::km;

namespace {

struct restore_fixture : km::testing::export_fixture {
  wizards::environment env{{dir / "source", {}, {1, 8 * 1024, 1}, &clock}, nullptr, nullptr};
  std::unique_ptr<sdk::wizard> wizard = wizards::make_restore_wizard(env);
  sdk::answers answers;

  restore_fixture() {
    BOOST_REQUIRE(wizard->prepare("login", answers));
    sdk::answer admin;
    admin.kind = sdk::field_kind::text;
    admin.text = "admin";
    answers.set("login", "administrator", admin);
    sdk::answer password;
    password.kind = sdk::field_kind::secret;
    password.secret = sdk::secret_text("password");
    answers.set("login", "password", password);
    BOOST_REQUIRE(wizard->validate("login", answers));
    sdk::answer yes;
    yes.kind = sdk::field_kind::confirmation;
    yes.yes = true;
    answers.set("backup", "confirm", yes);
  }

  void choose(const std::filesystem::path& backup) {
    sdk::answer file;
    file.kind = sdk::field_kind::path;
    file.text = backup.string();
    answers.set("backup", "file", file);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_backup_whose_sealed_keys_do_not_open_here_is_refused_and_changes_nothing, restore_fixture) {
  const auto alice = user("alice", 2);
  const auto backup = store::back_up(source.db(), source.directory(), clock.now());
  {
    // Someone with the backup file swaps alice's two sealed keys: each is bound to its own place.
    store::sqlite::connection edited(backup, {.create = false});
    edited.exec("UPDATE key_history SET sealed_key = (SELECT sealed_key FROM key_history AS other "
                "WHERE other.user_id = key_history.user_id AND other.key_id != key_history.key_id)");
  }
  user("carol", 0);  // added after the backup

  choose(backup);
  BOOST_REQUIRE(wizard->validate("backup", answers));
  const auto refused = wizard->run(answers);
  BOOST_REQUIRE(!refused);
  BOOST_TEST_MESSAGE(refused.error().message);
  BOOST_TEST(refused.error().message.find("of user " + alice + " does not open") != std::string::npos);
  BOOST_TEST(store::user_repository(source.db()).find_by_alias("carol").has_value());  // unchanged
  BOOST_TEST(store::list_backups(source.directory()).size() == 1u);  // refused before the pre-restore copy
}

BOOST_FIXTURE_TEST_CASE(a_backup_of_another_key_manager_is_refused_and_changes_nothing, restore_fixture) {
  user("alice", 1);
  std::vector<workflows::new_user> users{{"bob", "Bob", "bob@example.org", {}}};
  auto invited = std::move(workflows::add_users(destination, users).front());
  workflows::issue_user_key(destination, ca, {"bob", invited.token}, workflows::pkcs12_password(secret("user-chosen-pw")));
  const auto foreign = store::back_up(destination.db(), destination.directory(), clock.now());

  choose(foreign);
  BOOST_REQUIRE(wizard->validate("backup", answers));
  const auto refused = wizard->run(answers);
  BOOST_REQUIRE(!refused);
  BOOST_TEST(refused.error().message.find("belongs to another Key Manager") != std::string::npos);

  store::user_repository here(source.db());
  BOOST_TEST(here.find_by_alias("alice").has_value());
  BOOST_TEST(!here.find_by_alias("bob").has_value());
  BOOST_TEST(store::list_backups(source.directory()).empty());  // refused before the pre-restore copy
}
