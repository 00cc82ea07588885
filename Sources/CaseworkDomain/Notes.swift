/// Rules for notes and case actions (8.41, 8.107).
public enum NoteRules {
    /// A note as given, checked: required, at most `ValidationPolicy.maximumNoteLength` characters, kept whole (never trimmed inside).
    public static func validated(text: String?, isAction: Bool, field: String = "text") throws(ValidationFailure) -> NoteText {
        guard let text, !text.trimmingWhitespace.isEmpty else {
            throw ValidationFailure([FieldError(field: field, message: "Enter the note")])
        }
        guard text.count <= ValidationPolicy.maximumNoteLength else {
            throw ValidationFailure([FieldError(field: field, message: "A note must be \(ValidationPolicy.maximumNoteLength) characters or fewer (it has \(text.count)); split it into two notes")])
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            throw ValidationFailure([FieldError(field: field, message: "A note must not contain control characters")])
        }
        return NoteText(text: text, isAction: isAction)
    }
}
