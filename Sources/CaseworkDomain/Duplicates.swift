import Foundation

/// Matching a new claimant against existing records so a second record is never created silently.
public enum DuplicateMatching {
    /// The key two records of the same person share: normalised name, date of birth and nationality.
    /// Accents, case, punctuation, spacing and the order of names are ignored ("José  María" = "maria jose").
    public static func personKey(_ person: Person) -> String {
        let tokens = (normalise(person.givenNames) + " " + normalise(person.familyName)).split(separator: " ").sorted()
        return tokens.joined(separator: " ") + "|" + person.dateOfBirth.iso + "|" + person.nationality.claimed.uppercased()
    }

    /// A reference normalised for comparison (case and spacing ignored), or nil when empty.
    public static func normaliseReference(_ reference: String?) -> String? {
        guard let reference else { return nil }
        let cleaned = String(reference.uppercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Lower case, accents removed, anything but letters turned into single spaces.
    public static func normalise(_ name: String) -> String {
        var result = ""
        var lastWasSpace = true
        for scalar in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars {
            if scalar.properties.isAlphabetic {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if !lastWasSpace {
                result.append(" ")
                lastWasSpace = true
            }
        }
        return result.hasSuffix(" ") ? String(result.dropLast()) : result
    }
}

