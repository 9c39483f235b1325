import LoopCore

extension Lesson {
    /// Every free-text field, in a fixed order (redaction counts' keys included).
    var textFields: [String] {
        var texts = [harness.name, harness.version ?? "", artifact.name, artifact.version ?? "", artifact.repo ?? "",
                     summary, excerpt.before, excerpt.after, excerpt.language ?? "", client.name, client.version]
        texts += redactions.keys.sorted()
        return texts
    }

    /// A copy with the free-text fields replaced, in `textFields` order.
    func replacingTextFields(_ texts: [String]) -> Lesson {
        var copy = self
        func text(_ index: Int, optional original: String?) -> String? {
            original == nil ? nil : texts[index]
        }
        copy.harness.name = texts[0]
        copy.harness.version = text(1, optional: harness.version)
        copy.artifact.name = texts[2]
        copy.artifact.version = text(3, optional: artifact.version)
        copy.artifact.repo = text(4, optional: artifact.repo)
        copy.summary = texts[5]
        copy.excerpt.before = texts[6]
        copy.excerpt.after = texts[7]
        copy.excerpt.language = text(8, optional: excerpt.language)
        copy.client.name = texts[9]
        copy.client.version = texts[10]
        let keys = redactions.keys.sorted()
        var counts: [String: Int] = [:]
        for (offset, key) in keys.enumerated() {
            counts[texts[11 + offset], default: 0] += redactions[key] ?? 0
        }
        copy.redactions = counts
        return copy
    }
}
