import GRDB

extension OutboxSchema {
    /// Who is sending which approved lesson right now.
    ///
    /// loopd's background delivery and `loopctl send`/`review` both send
    /// approved lessons. Before posting, a sender takes the lesson's row here
    /// in one write transaction (`Outbox.claimSend`); the other one finds it
    /// taken and skips the lesson, so each lesson is posted by one party. A
    /// row is a lease: it names the owner's process and ends at `expiresAt`,
    /// so a sender killed mid-send blocks nobody for long. Rows are deleted
    /// when the send has a result; they are not history.
    static func createSendClaims(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sendClaim (
                lessonID TEXT NOT NULL PRIMARY KEY REFERENCES lesson(id),
                actor TEXT NOT NULL,
                pid INTEGER NOT NULL,
                claimedAt DATETIME NOT NULL,
                expiresAt DATETIME NOT NULL
            );
            """)
    }
}
