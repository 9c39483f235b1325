import GRDB
import Logging

/// A store call that failed. The routes answer 503; `HubMiddleware` logs it with a
/// description that names the failure but never carries a stored or submitted value.
struct StoreFailure: Error {
    let underlying: any Error

    /// Tampered rows are logged at `critical`: someone wrote the database directly.
    var level: Logger.Level {
        if case StoreError.tampered = underlying { return .critical }
        return .error
    }

    var description: String {
        switch underlying {
        case let error as StoreError: return error.description
        // SQLite's message is ours for trigger refusals ("lessons are append-only") and
        // names tables or columns otherwise; GRDB keeps statement arguments out of it.
        case let error as DatabaseError: return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "")"
        default: return "\(type(of: underlying))"
        }
    }

    /// Runs a store call, wrapping any failure that is not already an answer.
    static func wrapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as APIError { throw error } catch let error as StoreFailure {
            throw error
        } catch { throw StoreFailure(underlying: error) }
    }
}
