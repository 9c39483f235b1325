import GRDB

/// Signs that the outbox was changed around loop's guards: the part of
/// `Outbox.integrityCheck` that SQLite's own check cannot see.
enum OutboxTamperCheck {
    static func problems(_ db: Database) throws -> [String] {
        let applied = try OutboxSchema.migrator.appliedIdentifiers(db)
        guard applied.contains("v1-outbox") else { return [] }
        var problems: [String] = []
        let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        for (migration, names) in OutboxSchema.guardTriggers.sorted(by: { $0.key < $1.key }) where applied.contains(migration) {
            for name in names where !triggers.contains(name) {
                problems.append("tampered: guard trigger \(name) is missing (dropped outside loop); the append-only history may have been rewritten")
            }
        }
        problems += try stateNotWhereTheLogEnds(db)
        problems += try brokenLogs(db)
        return problems
    }

    /// A lesson's state is always the `toState` of its newest log row.
    private static func stateNotWhereTheLogEnds(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT lesson.id AS id, lesson.state AS state, t.toState AS logged
            FROM lesson LEFT JOIN lessonTransition t
              ON t.id = (SELECT MAX(id) FROM lessonTransition WHERE lessonID = lesson.id)
            WHERE t.toState IS NOT lesson.state
            LIMIT 20
            """)
        return rows.map { row in
            let id: String = row["id"]
            let state: String = row["state"]
            let logged: String? = row["logged"]
            return logged.map { "tampered: lesson \(id) is \(state) but its transition log ends at \($0) (changed outside loop)" }
                ?? "tampered: lesson \(id) is \(state) but has no transition log (inserted outside loop)"
        }
    }

    /// Each log row starts where the previous one of the same lesson ended;
    /// the first one creates the lesson (from nothing).
    private static func brokenLogs(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.lessonID AS lessonID, t.id AS id, t.fromState AS fromState,
                   (SELECT p.toState FROM lessonTransition p
                    WHERE p.lessonID = t.lessonID AND p.id < t.id ORDER BY p.id DESC LIMIT 1) AS previous
            FROM lessonTransition t
            WHERE t.fromState IS NOT (SELECT p.toState FROM lessonTransition p
                                      WHERE p.lessonID = t.lessonID AND p.id < t.id ORDER BY p.id DESC LIMIT 1)
            LIMIT 20
            """)
        return rows.map { row in
            let lessonID: String = row["lessonID"]
            let id: Int64 = row["id"]
            let from: String? = row["fromState"]
            let previous: String? = row["previous"]
            return "tampered: lesson \(lessonID): log row \(id) starts at \(from ?? "nothing") but the previous row ended at \(previous ?? "nothing")"
        }
    }
}
