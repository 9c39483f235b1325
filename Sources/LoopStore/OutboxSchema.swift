import GRDB

/// The outbox's versioned schema.
///
/// Rules (`docs/outbox.md`, style §4): never edit a shipped migration, add a new
/// one; refer to tables and columns by string, since migrations describe the
/// past and the record types describe the present.
enum OutboxSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-outbox", migrate: createV1)
        migrator.registerMigration("v2-harness-cursors", migrate: createHarnessCursors)
        migrator.registerMigration("v3-delivery", migrate: createDelivery)
        migrator.registerMigration("v4-refuse-replace", migrate: createReplaceGuards)
        migrator.registerMigration("v5-consent-answers", migrate: createConsentAnswers)
        migrator.registerMigration("v6-dismissed", migrate: createDismissed)
        migrator.registerMigration("v7-send-claims", migrate: createSendClaims)
        return migrator
    }()

    static var knownMigrations: [String] { migrator.migrations }

    /// Throws `.schemaIsNewer` when the file holds migrations this binary does not know.
    static func refuseNewerSchema(_ db: Database, path: String) throws {
        let unknown = try migrator.appliedIdentifiers(db).subtracting(knownMigrations)
        if !unknown.isEmpty {
            throw OutboxError.schemaIsNewer(path: path, unknownMigrations: unknown.sorted())
        }
    }

    /// Where a non-JSONL source (OpenCode's database) was read up to: an opaque
    /// JSON value per source, owned by that source's reader.
    private static func createHarnessCursors(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE harnessCursor (
                source TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL,
                updatedAt DATETIME NOT NULL
            );
            """)
    }

    /// Sending: attempts and the next retry of approved lessons (mutable
    /// bookkeeping, not history: the history is the transition log), and the
    /// right to forget evidence once a lesson is final — a sent or declined
    /// lesson keeps only what the user saw (its payload).
    private static func createDelivery(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE delivery (
                lessonID TEXT NOT NULL PRIMARY KEY REFERENCES lesson(id),
                attempts INTEGER NOT NULL DEFAULT 0,
                nextAttemptAt DATETIME,
                lastError TEXT,
                hubResponse TEXT
            );
            DROP TRIGGER lessonEvidence_refuses_delete;
            CREATE TRIGGER lessonEvidence_refuses_delete BEFORE DELETE ON lessonEvidence
            WHEN (SELECT state FROM lesson WHERE id = OLD.lessonID) NOT IN ('sent', 'declined', 'expired')
            BEGIN SELECT RAISE(ABORT, 'lesson evidence is append-only while the lesson is undecided'); END;
            """)
    }

    private static func createV1(_ db: Database) throws {
        // The wire contract v1 fields (DESIGN §Lesson), flattened so lessons can be
        // queried by artifact, signal or state, plus the local state.
        try db.execute(sql: """
            CREATE TABLE lesson (
                id TEXT NOT NULL PRIMARY KEY,
                schema TEXT NOT NULL,
                createdAt TEXT NOT NULL,
                harnessName TEXT NOT NULL,
                harnessVersion TEXT,
                artifactKind TEXT NOT NULL,
                artifactName TEXT NOT NULL,
                artifactVersion TEXT,
                artifactRepo TEXT,
                signal TEXT NOT NULL,
                category TEXT NOT NULL,
                severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
                confidence DOUBLE NOT NULL,
                summary TEXT NOT NULL,
                excerptBefore TEXT NOT NULL,
                excerptAfter TEXT NOT NULL,
                excerptLanguage TEXT,
                redactions TEXT NOT NULL,
                clientName TEXT NOT NULL,
                clientVersion TEXT NOT NULL,
                state TEXT NOT NULL
                    CHECK (state IN ('pending', 'approved', 'sent', 'declined', 'expired', 'failed')),
                recordedAt DATETIME NOT NULL,
                updatedAt DATETIME NOT NULL,
                lastError TEXT
            );
            CREATE INDEX lesson_on_state ON lesson(state);
            CREATE INDEX lesson_on_artifact ON lesson(artifactKind, artifactName);

            CREATE TABLE lessonTransition (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                lessonID TEXT NOT NULL REFERENCES lesson(id),
                at DATETIME NOT NULL,
                actor TEXT NOT NULL,
                fromState TEXT,
                toState TEXT NOT NULL,
                note TEXT
            );
            CREATE INDEX lessonTransition_on_lessonID ON lessonTransition(lessonID);

            CREATE TABLE lessonEvidence (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                lessonID TEXT NOT NULL REFERENCES lesson(id),
                signal TEXT NOT NULL,
                sessionID TEXT NOT NULL,
                transcriptPath TEXT NOT NULL,
                line INTEGER NOT NULL,
                byteOffset INTEGER NOT NULL,
                recordID TEXT,
                gitCommit TEXT,
                file TEXT,
                beforeText TEXT NOT NULL,
                afterText TEXT NOT NULL,
                note TEXT NOT NULL,
                observedAt DATETIME NOT NULL
            );
            CREATE INDEX lessonEvidence_on_lessonID ON lessonEvidence(lessonID);

            CREATE TABLE debounceKey (
                key TEXT NOT NULL PRIMARY KEY,
                harness TEXT NOT NULL,
                sessionID TEXT NOT NULL,
                artifactKind TEXT NOT NULL,
                artifactName TEXT NOT NULL,
                artifactSourcePath TEXT,
                lessonID TEXT NOT NULL REFERENCES lesson(id),
                createdAt DATETIME NOT NULL
            );
            CREATE INDEX debounceKey_on_lessonID ON debounceKey(lessonID);

            CREATE TABLE tailCursor (
                path TEXT NOT NULL PRIMARY KEY,
                device INTEGER NOT NULL,
                inode INTEGER NOT NULL,
                byteOffset INTEGER NOT NULL CHECK (byteOffset >= 0),
                linesRead INTEGER NOT NULL CHECK (linesRead >= 0),
                lastLineHash INTEGER NOT NULL,
                updatedAt DATETIME NOT NULL
            );
            """)
        try createV1Guards(db)
    }

    /// History is enforced by SQLite itself, not by convention (DESIGN §Outbox):
    /// whatever opens the file (a buggy adapter, a hand-typed sqlite3 session)
    /// cannot rewrite or drop it.
    private static func createV1Guards(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER lessonTransition_refuses_update BEFORE UPDATE ON lessonTransition
            BEGIN SELECT RAISE(ABORT, 'the lesson transition log is append-only'); END;
            CREATE TRIGGER lessonTransition_refuses_delete BEFORE DELETE ON lessonTransition
            BEGIN SELECT RAISE(ABORT, 'the lesson transition log is append-only'); END;

            CREATE TRIGGER lessonEvidence_refuses_update BEFORE UPDATE ON lessonEvidence
            BEGIN SELECT RAISE(ABORT, 'lesson evidence is append-only'); END;
            CREATE TRIGGER lessonEvidence_refuses_delete BEFORE DELETE ON lessonEvidence
            BEGIN SELECT RAISE(ABORT, 'lesson evidence is append-only'); END;

            CREATE TRIGGER lesson_refuses_delete BEFORE DELETE ON lesson
            BEGIN SELECT RAISE(ABORT, 'lessons are never deleted; decline or expire them'); END;

            CREATE TRIGGER lesson_identity_is_immutable BEFORE UPDATE ON lesson
            WHEN NEW.id IS NOT OLD.id OR NEW.schema IS NOT OLD.schema
              OR NEW.createdAt IS NOT OLD.createdAt
              OR NEW.harnessName IS NOT OLD.harnessName OR NEW.harnessVersion IS NOT OLD.harnessVersion
              OR NEW.artifactKind IS NOT OLD.artifactKind OR NEW.artifactName IS NOT OLD.artifactName
              OR NEW.artifactVersion IS NOT OLD.artifactVersion OR NEW.artifactRepo IS NOT OLD.artifactRepo
              OR NEW.signal IS NOT OLD.signal
              OR NEW.clientName IS NOT OLD.clientName OR NEW.clientVersion IS NOT OLD.clientVersion
              OR NEW.recordedAt IS NOT OLD.recordedAt
            BEGIN SELECT RAISE(ABORT, 'a lesson''s identity fields are immutable'); END;

            -- A state change must be logged first: the newest log row of the
            -- lesson has to describe exactly this move.
            CREATE TRIGGER lesson_state_change_is_logged BEFORE UPDATE OF state ON lesson
            WHEN NEW.state IS NOT OLD.state AND NOT EXISTS (
                SELECT 1 FROM lessonTransition
                WHERE id = (SELECT MAX(id) FROM lessonTransition WHERE lessonID = NEW.id)
                  AND fromState IS OLD.state AND toState = NEW.state)
            BEGIN SELECT RAISE(ABORT, 'a lesson''s state changes only with a transition log entry'); END;

            -- A content edit (folded severity, later `edit`/`refine`) must be logged too:
            -- the newest log row must be an edit entry (from = to) at the new updatedAt.
            CREATE TRIGGER lesson_content_change_is_logged BEFORE UPDATE ON lesson
            WHEN (NEW.category IS NOT OLD.category OR NEW.severity IS NOT OLD.severity
                  OR NEW.confidence IS NOT OLD.confidence OR NEW.summary IS NOT OLD.summary
                  OR NEW.excerptBefore IS NOT OLD.excerptBefore OR NEW.excerptAfter IS NOT OLD.excerptAfter
                  OR NEW.excerptLanguage IS NOT OLD.excerptLanguage OR NEW.redactions IS NOT OLD.redactions)
              AND NOT EXISTS (
                SELECT 1 FROM lessonTransition
                WHERE id = (SELECT MAX(id) FROM lessonTransition WHERE lessonID = NEW.id)
                  AND fromState IS toState AND at = NEW.updatedAt)
            BEGIN SELECT RAISE(ABORT, 'a lesson''s content changes only with a transition log entry'); END;
            """)
    }
}
