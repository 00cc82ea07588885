import Metrics

/// Wraps a database so every read and transaction is timed and counted (`casework_db_*` on `/metrics`).
public final class MeasuredDatabase: SQLDatabase {
    private let inner: any SQLDatabase
    private let readTimer = Timer(label: "casework_db_read_duration_seconds")
    private let transactionTimer = Timer(label: "casework_db_transaction_duration_seconds")
    private let failures = Counter(label: "casework_db_failures_total")

    /// Wraps `inner`.
    public init(_ inner: any SQLDatabase) { self.inner = inner }

    public var dialect: SQLDialect { inner.dialect }

    public func read<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await measure(readTimer) { try await inner.read(body) }
    }

    public func transaction<T: Sendable>(_ body: (any SQLConnection) async throws -> T) async throws -> T {
        try await measure(transactionTimer) { try await inner.transaction(body) }
    }

    public func close() async throws { try await inner.close() }

    private func measure<T>(_ timer: Timer, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        defer { timer.recordNanoseconds(Int64((ContinuousClock.now - start).components.attoseconds / 1_000_000_000 + (ContinuousClock.now - start).components.seconds * 1_000_000_000)) }
        do { return try await body() } catch {
            failures.increment()
            throw error
        }
    }
}
