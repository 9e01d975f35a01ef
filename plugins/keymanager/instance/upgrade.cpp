#include "instance/upgrade.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <unistd.h>

#include "common/atomic_file.hpp"
#include "common/failpoint.hpp"
#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "crypto/file_reader.hpp"
#include "crypto/sealing.hpp"
#include "instance/key_sealing.hpp"
#include "store/backup.hpp"
#include "store/key_history.hpp"

namespace arbor::km {
namespace {

namespace fs = std::filesystem;

// Zeros over the old bytes before the name goes, so the key does not linger in the file's blocks
// on file systems that overwrite in place.
void overwrite_and_remove(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return;
  const int fd = ::open(file.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    const std::vector<char> zeros(static_cast<std::size_t>(size));
    if (::write(fd, zeros.data(), zeros.size()) == static_cast<ssize_t>(zeros.size())) ::fsync(fd);
    ::close(fd);
  }
  if (!fs::remove(file, ec) && ec)
    throw error(errc::io, "Could not remove " + file.string() + " after the upgrade: remove it by hand.", ec.message());
}

std::size_t reseal_user_keys(store::sqlite::connection& db, const crypto::sealing_key& master, const opened_vault& keys) {
  store::key_history_repository history(db);
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> resealed;
  history.for_each_sealed_key([&](const store::sealed_key_row& row) {
    const auto binding = key_binding(row.user_id, row.key_id);
    resealed.emplace_back(row.key_id, keys.user_keys().seal(master.unseal(row.sealed_key, binding), binding));
  });
  for (const auto& [key_id, sealed] : resealed) history.set_sealed_key(key_id, sealed);
  return resealed.size();
}

// Only when the operator asked: the backups taken before the upgrade need it. Written before the
// commit, since a crash after it leaves master.key to key_manager::open, which removes it. A copy
// of the same name is one an attempt that did not commit made in the same second: master.key has
// not changed since, so it is replaced with the same bytes.
fs::path keep_copy(const store::data_directory& dir, std::chrono::sys_seconds now) {
  const fs::path copy = dir.backups() / (std::string(kept_master_key_prefix) + utc_compact(now));
  auto bytes = crypto::read_file(dir.master_key(), crypto::sealing_key::size);
  write_file_atomically(copy, bytes, 0600, if_exists::replace);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return copy;
}

}  // namespace

void upgrade(key_manager& kms, std::span<const administrator_key> given, std::int64_t threshold,
             const argon2_params& cost, bool keep_master_key, const std::function<void(const upgrade_result&)>& record) {
  if (kms.status() != key_manager::state::upgrade_needed) throw error(errc::internal, "upgrade of a Key Manager that needs none");
  if (given.empty() || static_cast<std::int64_t>(given.size()) < threshold) {
    throw error(errc::auth_failed,
                "This Key Manager must be upgraded to keyslots before its first task, and its key-opening tasks need " +
                    std::to_string(threshold) + " administrators: log in to Export Users (or another task that opens "
                                                "keys) with that many administrators.");
  }
  const auto& dir = kms.directory();
  const auto master = crypto::sealing_key::load_file(dir.master_key());
  auto identity = crypto::server_identity::load(dir.root(), master);
  upgrade_result result;
  result.backup = store::back_up(kms.db(), dir, kms.clock().now());
  if (keep_master_key) result.kept_key = keep_copy(dir, kms.clock().now());
  {
    store::sqlite::transaction tx(kms.db());
    auto vault = kms.vault();
    auto keys = vault.create(std::move(identity), given.front(), cost, nullptr);
    for (const auto& admin : given.subspan(1)) vault.add_keyslot(keys, admin, cost);
    vault.share_out(keys, threshold);
    result.keys = reseal_user_keys(kms.db(), master, keys);
    record(result);
    failpoint("upgrade-before-commit");
    tx.commit();
  }
  failpoint("upgrade-after-commit");
  remove_legacy_key_files(dir);
  kms.upgraded();
}

void remove_legacy_key_files(const store::data_directory& dir) {
  overwrite_and_remove(dir.master_key());
  overwrite_and_remove(dir.sealed_server_key());
}

}  // namespace arbor::km
