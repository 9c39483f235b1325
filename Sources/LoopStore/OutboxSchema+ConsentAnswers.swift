import GRDB

extension OutboxSchema {
    /// Which answer the user typed in a chat consented to which lesson.
    ///
    /// The MCP consent gate used to remember used answers in loopd's memory, so
    /// after a restart one typed "s" could approve a second lesson. Here each
    /// answer (the harness's message id, or session + line when it has none)
    /// is consumed at most once, and each lesson by at most one answer, in the
    /// same transaction that moves the lesson (`Outbox.transition(…consuming:)`).
    /// Append-only like the transition log: no update, no delete, no REPLACE.
    static func createConsentAnswers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE consentAnswer (
                answerKey TEXT NOT NULL PRIMARY KEY,
                lessonID TEXT NOT NULL UNIQUE REFERENCES lesson(id),
                decision TEXT NOT NULL CHECK (decision IN ('send', 'decline')),
                sessionID TEXT NOT NULL,
                transcriptPath TEXT NOT NULL,
                line INTEGER NOT NULL,
                recordID TEXT,
                gateLine INTEGER NOT NULL,
                usedAt DATETIME NOT NULL
            );

            CREATE TRIGGER consentAnswer_refuses_update BEFORE UPDATE ON consentAnswer
            BEGIN SELECT RAISE(ABORT, 'consent answers are append-only'); END;
            CREATE TRIGGER consentAnswer_refuses_delete BEFORE DELETE ON consentAnswer
            BEGIN SELECT RAISE(ABORT, 'consent answers are append-only'); END;
            CREATE TRIGGER consentAnswer_refuses_replace BEFORE INSERT ON consentAnswer
            WHEN EXISTS (SELECT 1 FROM consentAnswer WHERE answerKey = NEW.answerKey OR lessonID = NEW.lessonID)
            BEGIN SELECT RAISE(ABORT, 'a consent answer is used once, for one lesson: REPLACE refused'); END;
            """)
    }
}
