import CSQLite
import Foundation
import Synchronization

/// Copies the SQLite write-ahead log back into the database on its own thread, so the `fsync` a checkpoint needs
/// never lands inside a writer's transaction. Left to SQLite, a checkpoint runs in whichever commit crosses the
/// threshold, which showed up as an 8–12 ms tail on "next claim". The writer's own automatic checkpoint stays on as
/// a backstop, at a much higher threshold, in case this thread falls behind.
final class WALCheckpointer: Sendable {
    /// How often to checkpoint.
    static let interval: TimeInterval = 0.25
    /// The writer's backstop threshold, in pages (about 64 MB with 4 KB pages).
    static let backstopPages = 16_000

    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    private let wake = DispatchSemaphore(value: 0)

    /// Starts checkpointing the database at `path` on a connection of its own. The thread holds `self` until `stop()`.
    init(path: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            throw SQLError(message: "cannot open the checkpoint connection: \(message)", sql: "")
        }
        sqlite3_busy_timeout(handle, 1000)
        let database = UncheckedHandle(handle)
        let thread = Thread { [self] in
            while !stopped.withLock({ $0 }) {
                // Sleep, unless `stop()` wakes us.
                _ = wake.wait(timeout: .now() + WALCheckpointer.interval)
                // PASSIVE: copy what no reader still needs, never block the writer or readers.
                sqlite3_wal_checkpoint_v2(database.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            }
            sqlite3_close_v2(database.handle)
            finished.signal()
        }
        thread.name = "casework-wal-checkpoint"
        thread.start()
    }

    /// Stops the thread after its current checkpoint and closes its connection.
    func stop() {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        if !wasStopped {
            wake.signal()
            finished.wait()
        }
    }

    /// The connection handle, used only by the checkpoint thread after `init` returns.
    private struct UncheckedHandle: @unchecked Sendable {
        let handle: OpaquePointer
        init(_ handle: OpaquePointer) { self.handle = handle }
    }
}
