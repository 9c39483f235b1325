import Foundation
import LoopCore
@testable import LoopHub
import Testing

/// CSV export must not hand a spreadsheet a formula, however the `=` is disguised.
@Suite("CSV formula injection")
struct CSVInjectionTests {
    static let disguised = [
        "=\u{0301}HYPERLINK(\"http://x\")",  // = plus a combining mark: one Swift Character, not "="
        "\r=1+1", "\n=1+1", " =1+1", "\t@SUM(A1)", "\u{200B}+1", "\u{FEFF}-1", "\u{0301}=1",
        "\u{00A0}@SUM(A1)", "\u{FF1D}1+1",
    ]

    @Test("disguised formula starts are neutralised", arguments: disguised)
    func neutralised(text: String) {
        let cell = LessonCSV.cell(text)
        // Scalars, not Characters: "'" before a combining mark is one Character.
        let scalars = Array(cell.unicodeScalars)
        let first = scalars.first == "\"" ? scalars.dropFirst().first : scalars.first
        #expect(first == "'", "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test("ordinary text is left alone", arguments: ["Use the template", " indented", "a=b", "\u{00E9}t\u{00E9}", "", "0.9"])
    func untouched(text: String) {
        #expect(!LessonCSV.cell(text).contains("'"))
    }

    @Test("over the API: a summary of = plus a combining mark comes back neutralised", arguments: StoreKind.allCases)
    func overTheAPI(kind: StoreKind) async throws {
        try await HubHarness.with(kind) { hub, client in
            let summary = "=\u{0301}HYPERLINK(\"http://evil.example\")"
            let lesson = LessonFixtures.lesson(summary: summary, after: " =1+1")
            #expect(try await client.post("/v1/lessons", token: hub.contributor, json: LessonFixtures.json(lesson)).status == .created)
            let response = try await client.get("/v1/lessons", token: hub.admin, accept: "text/csv")
            #expect(response.status == .ok)
            #expect(response.text.contains("\"'=\u{0301}HYPERLINK("))
            #expect(response.text.contains(",' =1+1,"))
        }
    }
}
