/// A typed identifier: a claim reference can never be passed where a staff id is meant.
public struct Identifier<Tag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The identifier as text.
    public let rawValue: String

    /// Wraps text as an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Tag types for identifiers.
public enum IdentifierTag {
    /// A claim.
    public enum Claim {}
    /// A member of staff (their username).
    public enum Staff {}
    /// A unit (a decision-making unit, intake, a hub).
    public enum Unit {}
}

/// A claim's reference, e.g. "CW-0001234".
public typealias ClaimReference = Identifier<IdentifierTag.Claim>
/// A member of staff, by username.
public typealias StaffID = Identifier<IdentifierTag.Staff>
/// A unit, by code, e.g. "DMU-GLA".
public typealias UnitID = Identifier<IdentifierTag.Unit>

extension ClaimReference {
    /// The reference for the `number`th claim registered: "CW-" and seven digits.
    public static func numbered(_ number: Int) -> ClaimReference {
        let digits = String(number)
        return ClaimReference("CW-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
    }

    /// True when the text has the shape of a claim reference.
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes.count <= 16, text.hasPrefix("CW-") else { return false }
        return bytes.dropFirst(3).allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
