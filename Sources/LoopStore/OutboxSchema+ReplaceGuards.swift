import GRDB

extension OutboxSchema {
    /// `INSERT OR REPLACE` / `REPLACE INTO` got past the v1 guards: on a key
    /// conflict SQLite deletes the old row *without* firing DELETE triggers
    /// (unless the connection turned `recursive_triggers` on, which a stray
    /// sqlite3 session does not), then inserts the new one, so a lesson's body,
    /// a log row or an evidence row could be rewritten in place.
    ///
    /// A BEFORE INSERT trigger fires before the conflict is resolved, whatever
    /// the connection's pragmas, so refusing an insert whose key already exists
    /// closes that door for every connection. loop itself never inserts an
    /// existing key (it checks first), so these never fire on its own writes.
    static func createReplaceGuards(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER lesson_refuses_replace BEFORE INSERT ON lesson
            WHEN EXISTS (SELECT 1 FROM lesson WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'lessons are append-only: a lesson with this id exists; REPLACE refused'); END;

            CREATE TRIGGER lessonTransition_refuses_replace BEFORE INSERT ON lessonTransition
            WHEN EXISTS (SELECT 1 FROM lessonTransition WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'the lesson transition log is append-only: REPLACE refused'); END;

            CREATE TRIGGER lessonEvidence_refuses_replace BEFORE INSERT ON lessonEvidence
            WHEN EXISTS (SELECT 1 FROM lessonEvidence WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'lesson evidence is append-only: REPLACE refused'); END;

            CREATE TRIGGER debounceKey_refuses_replace BEFORE INSERT ON debounceKey
            WHEN EXISTS (SELECT 1 FROM debounceKey WHERE key = NEW.key)
            BEGIN SELECT RAISE(ABORT, 'de-bounce keys are append-only: REPLACE refused'); END;
            """)
    }

    /// The guard triggers every migrated outbox has, by the migration that made
    /// them: `Outbox.integrityCheck` reports one that is missing (dropped by
    /// hand: the history may have been rewritten).
    static let guardTriggers: [String: [String]] = [
        "v1-outbox": [
            "lessonTransition_refuses_update", "lessonTransition_refuses_delete",
            "lessonEvidence_refuses_update", "lesson_refuses_delete",
            "lesson_identity_is_immutable", "lesson_state_change_is_logged", "lesson_content_change_is_logged",
        ],
        "v3-delivery": ["lessonEvidence_refuses_delete"],
        "v4-refuse-replace": [
            "lesson_refuses_replace", "lessonTransition_refuses_replace",
            "lessonEvidence_refuses_replace", "debounceKey_refuses_replace",
        ],
        "v5-consent-answers": [
            "consentAnswer_refuses_update", "consentAnswer_refuses_delete", "consentAnswer_refuses_replace",
        ],
    ]
}
