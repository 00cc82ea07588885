#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where the platform gets the time from. Injected everywhere so deadline rules are tested deterministically.
public protocol CaseworkClock: Sendable {
    /// The current instant.
    func now() -> Instant
}

/// The real clock.
public struct SystemClock: CaseworkClock {
    /// Creates the real clock.
    public init() {}
    public func now() -> Instant {
        let duration = ContinuousClock.now - SystemClock.anchor.continuous
        let (seconds, attoseconds) = duration.components
        return Instant(millisecondsSinceEpoch: SystemClock.anchor.epochMilliseconds + seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    private static let anchor: (continuous: ContinuousClock.Instant, epochMilliseconds: Int64) = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (ContinuousClock.now, Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }()
}

/// A clock that reads a set instant, advanced by hand. For tests and reproducible seeding.
public final class FixedClock: CaseworkClock {
    private let current: Mutex<Instant>

    /// Creates a clock reading `instant`.
    public init(_ instant: Instant) { self.current = Mutex(instant) }

    public func now() -> Instant { current.withLock { $0 } }

    /// Moves the clock forward by `milliseconds`.
    public func advance(milliseconds: Int64) { current.withLock { $0 = $0.adding(milliseconds: milliseconds) } }

    /// Sets the time (the demo's history is written day by day with the clock set back).
    public func set(_ instant: Instant) { current.withLock { $0 = instant } }
}

/// A small deterministic random number generator (SplitMix64), injected where the platform samples or generates.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator; the same seed always gives the same sequence.
    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
