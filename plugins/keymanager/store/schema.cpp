#include "store/schema.hpp"

#include <array>
#include <string>
#include <string_view>

#include "common/km_error.hpp"

namespace arbor::km::store::schema {
namespace {

// Version 1: the core. Times are integer Unix seconds (UTC).
constexpr std::string_view v1 = R"sql(
CREATE TABLE users (
  user_id      TEXT PRIMARY KEY NOT NULL,
  alias        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  state        TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX users_email ON users(email COLLATE NOCASE);

CREATE TABLE key_history (
  key_id           TEXT PRIMARY KEY NOT NULL,
  user_id          TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  seq              INTEGER NOT NULL,
  cert_der         BLOB NOT NULL,
  cert_sha256      TEXT NOT NULL UNIQUE,
  serial_decimal   TEXT NOT NULL,
  serial_hex       TEXT NOT NULL,
  issuer           TEXT NOT NULL,
  authority_key_id TEXT NOT NULL DEFAULT '',
  not_before       INTEGER NOT NULL,
  not_after        INTEGER NOT NULL,
  sealed_key       BLOB NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('valid', 'revoked', 'revocation-pending')),
  added_at         INTEGER NOT NULL,
  UNIQUE (user_id, seq)
);
-- A key history entry is evidence: only its status may change after it is written.
CREATE TRIGGER key_history_only_status_changes BEFORE UPDATE ON key_history
WHEN NEW.key_id IS NOT OLD.key_id OR NEW.user_id IS NOT OLD.user_id OR NEW.seq IS NOT OLD.seq
  OR NEW.cert_der IS NOT OLD.cert_der OR NEW.cert_sha256 IS NOT OLD.cert_sha256
  OR NEW.serial_decimal IS NOT OLD.serial_decimal OR NEW.serial_hex IS NOT OLD.serial_hex
  OR NEW.issuer IS NOT OLD.issuer OR NEW.authority_key_id IS NOT OLD.authority_key_id
  OR NEW.not_before IS NOT OLD.not_before OR NEW.not_after IS NOT OLD.not_after
  OR NEW.sealed_key IS NOT OLD.sealed_key OR NEW.added_at IS NOT OLD.added_at
BEGIN
  SELECT RAISE(ABORT, 'key_history entries are append-only; only status may change');
END;

CREATE TABLE administrators (
  name          TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  must_change   INTEGER NOT NULL CHECK (must_change IN (0, 1)),
  created_at    INTEGER NOT NULL,
  changed_at    INTEGER NOT NULL
);

CREATE TABLE password_policy (
  task     TEXT PRIMARY KEY NOT NULL,
  required INTEGER NOT NULL CHECK (required >= 1)
);

CREATE TABLE lockout (
  id                   INTEGER PRIMARY KEY CHECK (id = 1),
  consecutive_failures INTEGER NOT NULL,
  locked_until         INTEGER NOT NULL
);
INSERT INTO lockout (id, consecutive_failures, locked_until) VALUES (1, 0, 0);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  event   TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
)sql";

// Version 2: enrollment tokens and the queue of revocations Certificate Services has not taken yet.
constexpr std::string_view v2 = R"sql(
CREATE TABLE enrollment_tokens (
  token_id   TEXT PRIMARY KEY NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  purpose    TEXT NOT NULL CHECK (purpose IN ('enroll', 'recover')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX enrollment_tokens_user ON enrollment_tokens(user_id);

-- No foreign key to users: an exported user is deleted, but its revocation must still happen.
CREATE TABLE pending_revocations (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  serial_decimal   TEXT NOT NULL,
  serial_hex       TEXT NOT NULL,
  authority_key_id TEXT NOT NULL DEFAULT '',
  issuer           TEXT NOT NULL,
  user_alias       TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  reason           TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT NOT NULL DEFAULT '',
  queued_at        INTEGER NOT NULL,
  last_attempt_at  INTEGER
);
)sql";

// Version 3: the record of transfer files written and read, and operator settings.
constexpr std::string_view v3 = R"sql(
CREATE TABLE transfers (
  transfer_id TEXT PRIMARY KEY NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('export', 'import')),
  peer_sha256 TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  users       INTEGER NOT NULL,
  keys        INTEGER NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
)sql";

// Version 4: the export journal and the users each export takes. An export records what it is
// about to do, with its users, before it writes its file, and the digest of the complete file
// before it links it into place, so a crash between the file and the removal transaction is
// resolved when the Key Manager next opens. The users stay recorded once the export completes
// (in_file: the user went into the file, not only removed for want of keys): a restore of a
// backup taken before the export says who it brings back, and a second export of them to the
// same server needs an explicit choice. An export that is undone takes its users' rows with it.
constexpr std::string_view v4 = R"sql(
CREATE TABLE export_journal (
  transfer_id  TEXT PRIMARY KEY NOT NULL,
  peer_sha256  TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  actor        TEXT NOT NULL,
  reason       TEXT NOT NULL,
  started_at   INTEGER NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('writing', 'written')),
  file_sha256  TEXT NOT NULL DEFAULT '',
  users        INTEGER NOT NULL DEFAULT 0,
  keys         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE transfer_users (
  user_id     TEXT NOT NULL,
  transfer_id TEXT NOT NULL,
  in_file     INTEGER NOT NULL CHECK (in_file IN (0, 1)),
  PRIMARY KEY (user_id, transfer_id)
) WITHOUT ROWID;
)sql";

// Version 5: a lockout per administrator. Version 1 counted every wrong name or password in one
// row, so failing three times under any name, even one that does not exist, locked every
// administrator out. Now every name tried has a row of its own (bucket = the name), an
// administrator's or not. The old row is dropped, not carried over: it cannot say whose failures
// it counted.
constexpr std::string_view v5 = R"sql(
DROP TABLE lockout;
CREATE TABLE lockout (
  bucket               TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
  consecutive_failures INTEGER NOT NULL,
  locked_until         INTEGER NOT NULL
);
-- A name removed and added again starts with a clear record, like any new administrator.
CREATE TRIGGER administrators_removed_lose_their_lockout AFTER DELETE ON administrators
BEGIN
  DELETE FROM lockout WHERE bucket = OLD.name;
END;
)sql";

// Version 6: no master key on disk (issue 14, docs/key-protection.md). The vault row holds the
// escrow public key, the server identity's key sealed under the vault and the identity
// certificate; each administrator's keyslot holds a key pair whose private half is sealed under
// Argon2id of their password and a share of the vault sealed to its public half. A removed
// administrator's keyslot goes with them. Sealed keys stay in key_history.sealed_key: a
// directory upgraded from version 5 has them re-sealed when its first administrator logs in.
// Recovery keys: a user's history re-sealed under a key derived from one recovery token. A key
// history entry stays evidence, but its sealed form may now change (the upgrade re-seals every
// key): what it seals cannot, the sealing binds it to its user and key id.
constexpr std::string_view v6 = R"sql(
DROP TRIGGER key_history_only_status_changes;
CREATE TRIGGER key_history_only_status_changes BEFORE UPDATE ON key_history
WHEN NEW.key_id IS NOT OLD.key_id OR NEW.user_id IS NOT OLD.user_id OR NEW.seq IS NOT OLD.seq
  OR NEW.cert_der IS NOT OLD.cert_der OR NEW.cert_sha256 IS NOT OLD.cert_sha256
  OR NEW.serial_decimal IS NOT OLD.serial_decimal OR NEW.serial_hex IS NOT OLD.serial_hex
  OR NEW.issuer IS NOT OLD.issuer OR NEW.authority_key_id IS NOT OLD.authority_key_id
  OR NEW.not_before IS NOT OLD.not_before OR NEW.not_after IS NOT OLD.not_after
  OR NEW.added_at IS NOT OLD.added_at
BEGIN
  SELECT RAISE(ABORT, 'key_history entries are append-only; only status and the sealed form may change');
END;
CREATE TABLE vault (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  vault_id            BLOB NOT NULL,
  escrow_public_key   BLOB NOT NULL,
  identity_key_sealed BLOB NOT NULL,
  identity_cert_der   BLOB NOT NULL,
  token_wrapped       BLOB NOT NULL DEFAULT x''
);
CREATE TABLE keyslots (
  administrator      TEXT PRIMARY KEY NOT NULL COLLATE NOCASE
                     REFERENCES administrators(name) ON DELETE CASCADE,
  salt               BLOB NOT NULL,
  iterations         INTEGER NOT NULL,
  memory_kib         INTEGER NOT NULL,
  parallelism        INTEGER NOT NULL,
  public_key         BLOB NOT NULL,
  private_key_sealed BLOB NOT NULL,
  public_key_mac     BLOB NOT NULL,
  share_threshold    INTEGER NOT NULL CHECK (share_threshold >= 1),
  share_x            INTEGER NOT NULL CHECK (share_x BETWEEN 1 AND 255),
  share_sealed       BLOB NOT NULL
);
CREATE TABLE recovery_keys (
  token_id   TEXT NOT NULL REFERENCES enrollment_tokens(token_id) ON DELETE CASCADE,
  key_id     TEXT NOT NULL REFERENCES key_history(key_id) ON DELETE CASCADE,
  sealed_key BLOB NOT NULL,
  PRIMARY KEY (token_id, key_id)
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, current_version> migrations = {v1, v2, v3, v4, v5, v6};

struct schema_state {
  int version;
  bool has_tables;
};

// One statement, so one snapshot: read apart, another connection creating a new file's schema
// between the two reads would make it look like a file of some other program's (version 0 with
// tables in it).
schema_state state_of(sqlite::connection& db) {
  auto query = db.prepare(
      "SELECT user_version, EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table') FROM pragma_user_version");
  query.step();
  return {static_cast<int>(query.column_int64(0)), query.column_int64(1) != 0};
}

void apply(sqlite::connection& db, int version) {
  sqlite::transaction tx(db);
  // Another connection opening a new file at the same time may have applied it meanwhile.
  if (version_of(db) >= version) return;
  db.exec(migrations[static_cast<std::size_t>(version - 1)]);
  // PRAGMA takes no bound parameters; the value is one of our own constants, never input.
  db.exec("PRAGMA user_version = " + std::to_string(version));
  tx.commit();
}

}  // namespace

int version_of(sqlite::connection& db) {
  auto query = db.prepare("PRAGMA user_version");
  query.step();
  return static_cast<int>(query.column_int64(0));
}

void migrate_to(sqlite::connection& db, int target) {
  if (target < 0 || target > current_version) {
    throw error(errc::internal, "asked to migrate to an unknown schema version",
                "target " + std::to_string(target));
  }
  const auto [found, has_tables] = state_of(db);
  if (found > current_version) {
    throw error(errc::bad_input,
                db.path().filename().string() + " was written by a newer Key Manager (schema " +
                    std::to_string(found) + "; this one understands up to " +
                    std::to_string(current_version) +
                    "): upgrade Arbor, or restore a backup taken with this version",
                "PRAGMA user_version = " + std::to_string(found));
  }
  if (found == 0 && has_tables) {
    throw error(errc::corrupt,
                db.path().filename().string() +
                    " is not a Key Manager database: restore a backup",
                "user_version 0 but the file already holds tables");
  }
  for (int version = found + 1; version <= target; ++version) apply(db, version);
}

void migrate(sqlite::connection& db) { migrate_to(db, current_version); }

sqlite::connection open_database(const std::filesystem::path& path) {
  try {
    sqlite::connection db(path);
    migrate(db);
    return db;
  } catch (const error& e) {
    if (e.code() != errc::corrupt) throw;
    throw error(errc::corrupt,
                path.filename().string() + " is not a Key Manager database: restore a backup",
                path.string() + ": " + e.technical());
  }
}

}  // namespace arbor::km::store::schema
