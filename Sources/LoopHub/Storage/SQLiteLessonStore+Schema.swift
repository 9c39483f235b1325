import GRDB

extension SQLiteLessonStore {
    /// Shipped migrations are frozen; add new ones at the end. Tables and columns
    /// are named by string, never through app types (style.md §4).
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-lessons-quarantine-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE lessons (
                  id TEXT PRIMARY KEY NOT NULL,
                  received_at INTEGER NOT NULL,
                  created_at TEXT NOT NULL,
                  artifact_kind TEXT NOT NULL,
                  artifact_name TEXT NOT NULL,
                  harness TEXT NOT NULL,
                  signal TEXT NOT NULL,
                  category TEXT NOT NULL,
                  severity TEXT NOT NULL,
                  body TEXT NOT NULL,
                  token_id TEXT NOT NULL,
                  source TEXT NOT NULL,
                  origin TEXT
                );
                CREATE INDEX lessons_by_arrival ON lessons (received_at, id);
                CREATE INDEX lessons_by_artifact ON lessons (artifact_name, received_at, id);

                CREATE TABLE quarantine (
                  id TEXT PRIMARY KEY NOT NULL,
                  received_at INTEGER NOT NULL,
                  token_id TEXT NOT NULL,
                  source TEXT NOT NULL,
                  rules TEXT NOT NULL,
                  body TEXT NOT NULL,
                  artifact_name TEXT NOT NULL
                );
                CREATE INDEX quarantine_by_arrival ON quarantine (received_at, id);

                CREATE TABLE tokens (
                  id TEXT PRIMARY KEY NOT NULL,
                  email TEXT NOT NULL,
                  role TEXT NOT NULL CHECK (role IN ('admin', 'author', 'contributor')),
                  artifacts TEXT NOT NULL,
                  salt BLOB NOT NULL,
                  hash BLOB NOT NULL,
                  created_at INTEGER NOT NULL,
                  expires_at INTEGER,
                  revoked_at INTEGER
                );

                -- Append-only, enforced here rather than by convention.
                CREATE TRIGGER lessons_refuse_update BEFORE UPDATE ON lessons
                BEGIN SELECT RAISE(ABORT, 'lessons are append-only'); END;
                CREATE TRIGGER lessons_refuse_delete BEFORE DELETE ON lessons
                BEGIN SELECT RAISE(ABORT, 'lessons are append-only'); END;
                CREATE TRIGGER quarantine_refuse_update BEFORE UPDATE ON quarantine
                BEGIN SELECT RAISE(ABORT, 'quarantine is append-only'); END;
                CREATE TRIGGER quarantine_refuse_delete BEFORE DELETE ON quarantine
                BEGIN SELECT RAISE(ABORT, 'quarantine is append-only'); END;
                -- Tokens are kept for the audit trail: the only change allowed is revoking once.
                CREATE TRIGGER tokens_refuse_delete BEFORE DELETE ON tokens
                BEGIN SELECT RAISE(ABORT, 'tokens are revoked, never deleted'); END;
                CREATE TRIGGER tokens_only_revoke BEFORE UPDATE ON tokens
                WHEN OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL OR NEW.id IS NOT OLD.id
                  OR NEW.email IS NOT OLD.email OR NEW.role IS NOT OLD.role OR NEW.artifacts IS NOT OLD.artifacts
                  OR NEW.salt IS NOT OLD.salt OR NEW.hash IS NOT OLD.hash OR NEW.created_at IS NOT OLD.created_at
                  OR NEW.expires_at IS NOT OLD.expires_at
                BEGIN SELECT RAISE(ABORT, 'tokens can only be revoked'); END;
                """)
        }
        // `INSERT OR REPLACE` / `REPLACE INTO` deletes the conflicting row without
        // firing DELETE triggers unless the connection set `recursive_triggers`, which
        // another process's connection need not do. A BEFORE INSERT trigger that
        // refuses an existing key holds whatever the connection's pragmas are (an
        // upsert's DO UPDATE already meets the UPDATE triggers).
        migrator.registerMigration("v2-refuse-replace") { db in
            try db.execute(sql: """
                CREATE TRIGGER lessons_refuse_replace BEFORE INSERT ON lessons
                WHEN EXISTS (SELECT 1 FROM lessons WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'lessons are append-only: this id is already stored'); END;
                CREATE TRIGGER quarantine_refuse_replace BEFORE INSERT ON quarantine
                WHEN EXISTS (SELECT 1 FROM quarantine WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'quarantine is append-only: this id is already stored'); END;
                CREATE TRIGGER tokens_refuse_replace BEFORE INSERT ON tokens
                WHEN EXISTS (SELECT 1 FROM tokens WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'tokens are revoked, never replaced'); END;
                """)
        }
        return migrator
    }()
}
