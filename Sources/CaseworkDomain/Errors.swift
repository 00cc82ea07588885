/// No claim has this reference (or the user may not know it exists).
public struct ClaimNotFound: Error, Sendable, Hashable {
    /// The reference asked for.
    public let reference: ClaimReference
    /// Creates the error.
    public init(_ reference: ClaimReference) { self.reference = reference }
}

/// The user's role or unit does not allow what they asked.
public struct AccessDenied: Error, Sendable, Hashable {
    /// Why, in plain words.
    public let message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
}

/// Someone else changed the claim since the user read it: their change is refused, never lost silently.
public struct VersionConflict: Error, Sendable, Hashable {
    public let reference: ClaimReference
    /// The version the writer read.
    public let expectedVersion: Int
    /// The version the claim is at now.
    public let currentVersion: Int
    /// The first change the writer has not seen.
    public let newerChange: RecordedEvent?

    /// Creates the error.
    public init(reference: ClaimReference, expectedVersion: Int, currentVersion: Int, newerChange: RecordedEvent?) {
        self.reference = reference
        self.expectedVersion = expectedVersion
        self.currentVersion = currentVersion
        self.newerChange = newerChange
    }

    /// The conflict in plain words, naming the newer change.
    public var message: String {
        var text = "Claim \(reference.rawValue) has changed since you opened it (you saw version \(expectedVersion); it is now at version \(currentVersion))."
        if let change = newerChange {
            text += " Change \(change.sequence): \(change.event.summary), by \(change.actor.staff.rawValue) (\(change.actor.role.title)) at \(change.occurredAt.longForm)."
        }
        return text + " Reload the claim and make your change again."
    }
}

/// An existing claim matches the claimant being registered. Nothing is created until the user chooses.
public struct DuplicateSuspected: Error, Sendable, Hashable {
    /// A matching claim and why it matched.
    public struct Match: Sendable, Hashable, Codable {
        public let reference: ClaimReference
        public let name: String
        public let dateOfBirth: LocalDate
        public let nationality: String
        public let stage: Stage
        /// Which rule matched: "name, date of birth and nationality", "biometric reference" or "port reference".
        public let matchedOn: [String]

        /// Creates a match.
        public init(reference: ClaimReference, name: String, dateOfBirth: LocalDate, nationality: String, stage: Stage, matchedOn: [String]) {
            self.reference = reference
            self.name = name
            self.dateOfBirth = dateOfBirth
            self.nationality = nationality
            self.stage = stage
            self.matchedOn = matchedOn
        }
    }
    /// The matching claims.
    public let matches: [Match]
    /// Creates the error.
    public init(matches: [Match]) { self.matches = matches }

    /// The problem in plain words.
    public var message: String {
        "This claimant may already have a claim: \(matches.map { "\($0.reference.rawValue) (\($0.matchedOn.joined(separator: "; ")))" }.joined(separator: ", ")). Open the existing claim, or register again confirming the claimant is a different person or that the claim is related and should be linked."
    }
}
