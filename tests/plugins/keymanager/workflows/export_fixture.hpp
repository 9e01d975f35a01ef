#pragma once
// Two Key Managers in scratch directories (the source and the destination an export goes to), a
// test clock, an in-memory CA, and helpers to enroll users and read an export file back.
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "workflows/complete_enrollment.hpp"
#include "workflows/enrollment.hpp"
#include "workflows/enrollment_settings.hpp"
#include "fake_certificate_services.hpp"
#include "scratch_dir.hpp"
#include "test_key_manager.hpp"
#include "instance/key_manager.hpp"
#include "store/key_history.hpp"
#include "store/random_id.hpp"
#include "store/users.hpp"
#include "instance/key_sealing.hpp"
#include "workflows/history_entry.hpp"
#include "crypto/server_identity.hpp"
#include "workflows/export_users.hpp"
#include "workflows/progress.hpp"
#include "transfer/transfer_reader.hpp"

#include <ostream>

namespace arbor::km {
inline std::ostream& operator<<(std::ostream& out, errc code) { return out << "errc " << static_cast<int>(code); }
}  // namespace arbor::km

namespace arbor::km::testing {

// A progress that records phases and can cancel, or run a hook, at a given step.
class recording_observer final : public workflows::progress {
 public:
  std::vector<std::string> phases;
  int cancel_at_step = -1;  // cancelled() turns true once this many steps were done
  std::function<void()> on_first_step;
  std::function<void(std::string_view)> on_phase;  // as each phase begins

  void phase(std::string_view label, std::uint64_t) override {
    phases.emplace_back(label);
    if (on_phase) on_phase(label);
  }
  void step(std::string_view) override {
    if (steps_++ == 0 && on_first_step) on_first_step();
  }
  bool cancelled() const override { return cancel_at_step >= 0 && steps_ >= cancel_at_step; }

 private:
  int steps_ = 0;
};

struct export_fixture {
  scratch_dir dir;
  km::test_clock clock{1'700'000'000};
  key_manager source = open("source", "Source KMS");
  key_manager destination = open("destination", "Destination KMS");
  opened_vault source_keys = admin_keys(source);
  opened_vault destination_keys = admin_keys(destination);
  fake_certificate_services ca;
  recording_observer observer;
  std::optional<workflows::destination> checked_destination;  // read once, on the first request
  std::optional<workflows::user_selection> selection;         // the last request's

  key_manager open(const std::string& name, const std::string& common_name) {
    auto kms = open_test_kms(dir / name, identity_options{crypto::key_type::ec_p384, common_name}, clock);
    workflows::enrollment_settings fast;
    fast.key_type = "ec-p256";  // key generation is not what these tests are about
    workflows::write_enrollment_settings(kms.db(), fast);
    return kms;
  }

  // Adds `alias` with `keys` enrolled keys (0: added, never enrolled) and returns the user id.
  std::string user(const std::string& alias, int keys) {
    std::vector<workflows::new_user> users{{alias, "Name of " + alias, alias + "@example.org", {}}};
    auto invited = std::move(workflows::add_users(source, users).front());
    for (int i = 0; i < keys; ++i) {
      if (i > 0) invited = workflows::reenroll_user(source, alias);
      workflows::issue_user_key(source, ca, {alias, invited.token}, workflows::pkcs12_password(secret("user-chosen-pw")));
    }
    return invited.user_id;
  }

  // Adds `alias` straight through the store, with one key when `with_key` (a self-signed EC
  // certificate, the key sealed as enrollment seals it): hundreds of users in a second, where
  // enrolling each (its PKCS#12 file) takes a fifth of one. Returns the user id.
  std::string stored_user(const std::string& alias, bool with_key) {
    const store::user_record record{store::random_id(), alias, "Name of " + alias, alias + "@example.org", "active", now()};
    store::user_repository(source.db()).add(record);
    if (with_key) {
      const auto issued = crypto::server_identity::generate(crypto::key_type::ec_p384, alias, std::chrono::days(30), now());
      const std::string key_id = store::random_id();
      store::key_history_repository(source.db())
          .append(workflows::history_entry(record.user_id, key_id, issued.cert().facts(),
                                           seal_user_key(source.escrow_public_key(), issued.key(), record.user_id, key_id),
                                           now()));
    }
    return record.user_id;
  }

  std::vector<store::key_entry> history(const std::string& user_id) {
    return store::key_history_repository(source.db()).list_for_user(user_id);
  }

  std::chrono::sys_seconds now() const { return clock.now(); }

  // The destination's certificate as its Save the KMS Certificate wrote it, read and checked.
  workflows::destination& to() {
    if (!checked_destination) {
      const auto pem = dir / "saved-destination.pem";
      std::ofstream(pem) << destination.certificate().pem();
      checked_destination.emplace(pem, source.certificate(), now());
    }
    return *checked_destination;
  }

  // A request for the users `users` chooses (the previous request's selection is dropped first:
  // one per connection), confirmed with the destination's whole SHA-256 thumbprint.
  workflows::export_request request(workflows::user_choice users = {}, std::string file = "users.kmx") {
    selection.reset();
    selection.emplace(source.db(), users);
    return {workflows::confirmed_destination(to(), to().sha256_hex()),
            workflows::export_file_name(file, source.directory().root()), *selection, "admin"};
  }

  workflows::export_result run(const workflows::export_request& r) {
    return workflows::export_users(source, source_keys, r, {&ca, {}}, observer);
  }

  // The users in an export file, read as the destination reads it.
  std::vector<transfer::user_record> read_back(const std::filesystem::path& file) {
    std::vector<transfer::user_record> users;
    transfer::transfer_reader reader(file, destination_keys.identity(), [this] { return clock.now(); });
    reader.read([&](transfer::user_record&& u) { users.push_back(std::move(u)); });
    return users;
  }
};

}  // namespace arbor::km::testing
