import GRDB

extension OutboxSchema {
    /// v6: the `dismissed` state (an agent's false alarm, dropped before the
    /// user was asked) and the context an agent judges a candidate by.
    ///
    /// SQLite cannot change a CHECK constraint in place, so `lesson` is rebuilt
    /// (SQLite's documented create-copy-drop-rename procedure; GRDB runs the
    /// migration with foreign keys off and checks them at the end). The lesson's
    /// own guard triggers and indexes are re-created from their stored SQL,
    /// unchanged; the evidence delete guard, which names the final states, is
    /// re-created with `dismissed` among them.
    static func createDismissed(_ db: Database) throws {
        let lessonSchema = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE tbl_name = 'lesson' AND type IN ('index', 'trigger') AND sql IS NOT NULL
            ORDER BY type, name
            """)
        try db.execute(sql: """
            CREATE TABLE lesson_v6 (
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
                    CHECK (state IN ('pending', 'approved', 'sent', 'declined', 'expired', 'failed', 'dismissed')),
                recordedAt DATETIME NOT NULL,
                updatedAt DATETIME NOT NULL,
                lastError TEXT
            );
            INSERT INTO lesson_v6 SELECT
                id, schema, createdAt, harnessName, harnessVersion, artifactKind, artifactName, artifactVersion,
                artifactRepo, signal, category, severity, confidence, summary, excerptBefore, excerptAfter,
                excerptLanguage, redactions, clientName, clientVersion, state, recordedAt, updatedAt, lastError
            FROM lesson;
            -- A trigger on another table that names `lesson` would make the rename fail while it is gone.
            DROP TRIGGER lessonEvidence_refuses_delete;
            DROP TABLE lesson;
            ALTER TABLE lesson_v6 RENAME TO lesson;
            """)
        for statement in lessonSchema { try db.execute(sql: statement) }
        try db.execute(sql: """
            CREATE TRIGGER lessonEvidence_refuses_delete BEFORE DELETE ON lessonEvidence
            WHEN (SELECT state FROM lesson WHERE id = OLD.lessonID) NOT IN ('sent', 'declined', 'expired', 'dismissed')
            BEGIN SELECT RAISE(ABORT, 'lesson evidence is append-only while the lesson is undecided'); END;

            ALTER TABLE lessonEvidence ADD COLUMN agentClaim TEXT;
            ALTER TABLE lessonEvidence ADD COLUMN scoreExplanation TEXT;
            """)
    }
}
