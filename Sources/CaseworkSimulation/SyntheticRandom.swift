import CaseworkDomain

/// Draws from `SeededRandom` with arithmetic of its own rather than the standard library's `random(in:)`, whose
/// algorithms may change between toolchains: the same seed gives the same data everywhere.
struct Draw {
    private var source: SeededRandom

    /// A generator for `seed`.
    init(seed: UInt64) { source = SeededRandom(seed: seed) }

    /// A generator for item `index` of a stream: each item has its own, so item 5 is the same however it is reached.
    init(seed: UInt64, index: Int) { source = SeededRandom(seed: Draw.mix(seed ^ Draw.mix(UInt64(truncatingIfNeeded: index) &+ 0x5851_F42D_4C95_7F2D))) }

    /// A well-mixed 64-bit value.
    @inline(__always) mutating func bits() -> UInt64 { source.next() }

    /// A value in [0, 1).
    @inline(__always) mutating func unit() -> Double { Double(source.next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    @inline(__always) mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A value in 0..<n (n > 0).
    @inline(__always) mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: source.next()).high)
    }

    /// A value in the range.
    @inline(__always) mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// One element of a non-empty array.
    @inline(__always) mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    /// The SplitMix64 finaliser, to turn a counter into a seed.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Values with weights, drawn in proportion.
struct Weighted<Value: Sendable>: Sendable {
    let values: [Value]
    /// Running totals, normalised so the last is 1.
    let cumulative: [Double]

    /// A table from pairs; weights need not sum to 1. Pairs of weight zero are never drawn.
    init(_ pairs: [(Value, Double)]) {
        let total = pairs.reduce(0) { $0 + max(0, $1.1) }
        precondition(total > 0, "a weighted table needs a positive weight")
        var running = 0.0
        var values: [Value] = []
        var cumulative: [Double] = []
        for (value, weight) in pairs where weight > 0 {
            running += weight / total
            values.append(value)
            cumulative.append(running)
        }
        cumulative[cumulative.count - 1] = 1
        self.values = values
        self.cumulative = cumulative
    }

    /// Equal weights.
    init(uniform values: [Value]) { self.init(values.map { ($0, 1.0) }) }

    /// A value drawn in proportion to its weight.
    func pick(_ draw: inout Draw) -> Value {
        let u = draw.unit()
        if cumulative.count <= 16 {
            for index in cumulative.indices where u < cumulative[index] { return values[index] }
            return values[values.count - 1]
        }
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if u < cumulative[middle] { high = middle } else { low = middle + 1 }
        }
        return values[low]
    }
}

extension Int {
    /// The decimal digits, zero-padded to `width`. Cheaper than formatting.
    func padded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Working hours and weekdays, in UTC.
enum WorkingTime {
    static let dayMilliseconds: Int64 = 86_400_000
    /// 09:00.
    static let start: Int64 = 9 * 3_600_000
    /// 17:00.
    static let end: Int64 = 17 * 3_600_000

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    static func weekday(_ dayNumber: Int) -> Int { ((dayNumber % 7) + 7 + 3) % 7 }

    /// The weekday on or after `dayNumber`.
    static func weekdayOnOrAfter(_ dayNumber: Int) -> Int {
        switch weekday(dayNumber) {
        case 5: dayNumber + 2
        case 6: dayNumber + 1
        default: dayNumber
        }
    }

    /// An instant on the day, between 09:00 and 17:00, to the second plus a few milliseconds.
    static func instant(day: Int, after floor: Int64 = start - 1, _ draw: inout Draw) -> Instant? {
        let earliest = max(start, floor + 1)
        guard earliest < end else { return nil }
        let offset = earliest + Int64(draw.below(Int(end - earliest)))
        return Instant(millisecondsSinceEpoch: Int64(day) * dayMilliseconds + offset)
    }
}
