import Logging
import LoopHub
import PostgresNIO

extension PostgresLessonStore {
    /// Named migrations, applied in order inside one transaction under an advisory
    /// lock (two hubs starting together do not race). Frozen once shipped.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1-lessons-quarantine-tokens", [
            """
            CREATE TABLE lessons (
              id TEXT PRIMARY KEY, received_at BIGINT NOT NULL, created_at TEXT NOT NULL,
              artifact_kind TEXT NOT NULL, artifact_name TEXT NOT NULL, harness TEXT NOT NULL, signal TEXT NOT NULL,
              category TEXT NOT NULL, severity TEXT NOT NULL, body TEXT NOT NULL, token_id TEXT NOT NULL,
              source TEXT NOT NULL, origin TEXT)
            """,
            "CREATE INDEX lessons_by_arrival ON lessons (received_at, id)",
            "CREATE INDEX lessons_by_artifact ON lessons (artifact_name, received_at, id)",
            """
            CREATE TABLE quarantine (
              id TEXT PRIMARY KEY, received_at BIGINT NOT NULL, token_id TEXT NOT NULL, source TEXT NOT NULL,
              rules TEXT NOT NULL, body TEXT NOT NULL, artifact_name TEXT NOT NULL)
            """,
            "CREATE INDEX quarantine_by_arrival ON quarantine (received_at, id)",
            """
            CREATE TABLE tokens (
              id TEXT PRIMARY KEY, email TEXT NOT NULL,
              role TEXT NOT NULL CHECK (role IN ('admin', 'author', 'contributor')),
              artifacts TEXT NOT NULL, salt TEXT NOT NULL, hash TEXT NOT NULL, created_at BIGINT NOT NULL,
              expires_at BIGINT, revoked_at BIGINT)
            """,
            """
            CREATE FUNCTION loophub_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
            """,
            "CREATE TRIGGER lessons_append_only BEFORE UPDATE OR DELETE ON lessons FOR EACH ROW EXECUTE FUNCTION loophub_refuse_change()",
            "CREATE TRIGGER lessons_no_truncate BEFORE TRUNCATE ON lessons FOR EACH STATEMENT EXECUTE FUNCTION loophub_refuse_change()",
            "CREATE TRIGGER quarantine_append_only BEFORE UPDATE OR DELETE ON quarantine FOR EACH ROW EXECUTE FUNCTION loophub_refuse_change()",
            "CREATE TRIGGER quarantine_no_truncate BEFORE TRUNCATE ON quarantine FOR EACH STATEMENT EXECUTE FUNCTION loophub_refuse_change()",
            """
            CREATE FUNCTION loophub_tokens_only_revoke() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'tokens are revoked, never deleted'; END IF;
              IF OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
                 OR (NEW.id, NEW.email, NEW.role, NEW.artifacts, NEW.salt, NEW.hash, NEW.created_at)
                    IS DISTINCT FROM (OLD.id, OLD.email, OLD.role, OLD.artifacts, OLD.salt, OLD.hash, OLD.created_at)
                 OR NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN
                RAISE EXCEPTION 'tokens can only be revoked';
              END IF;
              RETURN NEW;
            END $$
            """,
            "CREATE TRIGGER tokens_only_revoke BEFORE UPDATE OR DELETE ON tokens FOR EACH ROW EXECUTE FUNCTION loophub_tokens_only_revoke()",
        ]),
    ]

    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7512001)", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS loophub_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM loophub_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            let known = Set(Self.migrations.map(\.name))
            // An older loophub must not write into a schema a newer one created.
            if !applied.isSubset(of: known) { throw StoreError.newerSchema }
            for migration in Self.migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO loophub_migrations (name) VALUES (\(migration.name))", logger: logger)
            }
        }
    }
}
