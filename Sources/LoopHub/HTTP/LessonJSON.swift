import LoopCore

/// Read-back JSON. Stored bodies are already canonical JSON, so items are
/// assembled around them instead of decoding and re-encoding each lesson.
enum LessonJSON {
    static func item(_ stored: StoredLesson) -> String {
        "{\"lesson\":\(stored.body),\"receivedAt\":\(quoted(ISO8601.string(stored.receivedAt))),\"source\":\"\(stored.source.rawValue)\"}"
    }

    static func page(_ page: Page<StoredLesson>) -> String {
        "{\"lessons\":[" + page.items.map(item).joined(separator: ",") + "],\"nextCursor\":\(cursor(page.next))}"
    }

    static func quarantinePage(_ page: Page<QuarantineEntry>) -> String {
        let items = page.items.map { entry in
            "{\"id\":\(quoted(entry.id)),\"receivedAt\":\(quoted(ISO8601.string(entry.receivedAt))),"
                + "\"source\":\"\(entry.source.rawValue)\",\"artifact\":\(quoted(entry.artifactName)),"
                + "\"rules\":\(CanonicalJSON.string(entry.rules)),\"redacted\":\(entry.redactedBody)}"
        }
        return "{\"entries\":[" + items.joined(separator: ",") + "],\"nextCursor\":\(cursor(page.next))}"
    }

    static func cursor(_ cursor: PageCursor?) -> String {
        cursor.map { quoted($0.token) } ?? "null"
    }

    static func quoted(_ text: String) -> String { CanonicalJSON.string(text) }
}

/// CSV read-back (RFC 4180). Cells that a spreadsheet would run as a formula get a
/// leading apostrophe (`CSVFormulaGuard`).
enum LessonCSV {
    static let header = ["id", "receivedAt", "createdAt", "harness", "harnessVersion", "artifactKind", "artifactName",
                         "artifactVersion", "artifactRepo", "signal", "category", "severity", "confidence", "summary",
                         "excerptBefore", "excerptAfter", "language", "client", "clientVersion", "source"]

    static func render(_ page: Page<StoredLesson>) -> String {
        var lines = [header.joined(separator: ",")]
        for stored in page.items {
            let lesson = stored.lesson
            let cells: [String] = [
                lesson.id, ISO8601.string(stored.receivedAt), lesson.createdAt, lesson.harness.name,
                lesson.harness.version ?? "", lesson.artifact.kind.rawValue, lesson.artifact.name,
                lesson.artifact.version ?? "", lesson.artifact.repo ?? "", lesson.signal.rawValue,
                lesson.category.rawValue, lesson.severity.rawValue, String(lesson.confidence), lesson.summary,
                lesson.excerpt.before, lesson.excerpt.after, lesson.excerpt.language ?? "", lesson.client.name,
                lesson.client.version, stored.source.rawValue,
            ]
            lines.append(cells.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ text: String) -> String {
        var value = text
        if CSVFormulaGuard.looksLikeFormula(value) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
