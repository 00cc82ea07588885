import CaseworkDomain

/// An event's payload as the log stores it, for readers outside the store (the API shows it as it is stored).
public enum EventPayload {
    /// The JSON the log holds for `event`.
    public static func json(_ event: ClaimEvent) throws -> String { try EventCoding.encode(event) }
}
