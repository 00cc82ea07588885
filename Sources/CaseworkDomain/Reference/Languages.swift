/// A language spoken by claimants, with the dialects interpreters are booked by.
public struct Language: Hashable, Sendable {
    /// Stable code, e.g. "kurdish".
    public let code: String
    /// English name, e.g. "Kurdish".
    public let name: String
    /// Dialects, by code ("sorani") and name ("Sorani"); empty when none are distinguished.
    public let dialects: [Dialect]

    /// Creates a language entry.
    public init(code: String, name: String, dialects: [Dialect]) {
        self.code = code
        self.name = name
        self.dialects = dialects
    }

    /// The dialect with this code (case-insensitive), or nil.
    public func dialect(code: String) -> Dialect? {
        let wanted = code.lowercased()
        return dialects.first { $0.code == wanted }
    }
}

/// A dialect of a language.
public struct Dialect: Hashable, Sendable {
    /// Stable code, e.g. "sorani".
    public let code: String
    /// English name, e.g. "Sorani".
    public let name: String

    /// Creates a dialect entry.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The code list a claimant's language and dialect must come from.
///
/// Interpreter languages commonly needed for asylum claims in the UK. Codes are stable lower-case slugs;
/// never rename one, since stored claims refer to them.
public enum Languages {
    /// Every language, ordered by name.
    public static let all: [Language] = [
        Language(code: "acholi", name: "Acholi", dialects: []),
        Language(code: "afar", name: "Afar", dialects: []),
        Language(code: "albanian", name: "Albanian", dialects: [
            Dialect(code: "gheg", name: "Gheg"),
            Dialect(code: "tosk", name: "Tosk"),
        ]),
        Language(code: "amharic", name: "Amharic", dialects: []),
        Language(code: "arabic", name: "Arabic", dialects: [
            Dialect(code: "algerian", name: "Algerian"),
            Dialect(code: "chadian", name: "Chadian"),
            Dialect(code: "egyptian", name: "Egyptian"),
            Dialect(code: "gulf", name: "Gulf"),
            Dialect(code: "hassaniya", name: "Hassaniya"),
            Dialect(code: "iraqi", name: "Iraqi"),
            Dialect(code: "levantine", name: "Levantine"),
            Dialect(code: "libyan", name: "Libyan"),
            Dialect(code: "modern-standard", name: "Modern Standard"),
            Dialect(code: "moroccan", name: "Moroccan"),
            Dialect(code: "sudanese", name: "Sudanese"),
            Dialect(code: "tunisian", name: "Tunisian"),
            Dialect(code: "yemeni", name: "Yemeni"),
        ]),
        Language(code: "armenian", name: "Armenian", dialects: [
            Dialect(code: "eastern", name: "Eastern"),
            Dialect(code: "western", name: "Western"),
        ]),
        Language(code: "azerbaijani", name: "Azerbaijani", dialects: [
            Dialect(code: "north", name: "North"),
            Dialect(code: "south", name: "South (Iranian)"),
        ]),
        Language(code: "bajuni", name: "Bajuni", dialects: []),
        Language(code: "baluchi", name: "Baluchi", dialects: []),
        Language(code: "bambara", name: "Bambara", dialects: []),
        Language(code: "beja", name: "Beja", dialects: []),
        Language(code: "bengali", name: "Bengali", dialects: []),
        Language(code: "bilen", name: "Bilen", dialects: []),
        Language(code: "bosnian", name: "Bosnian", dialects: []),
        Language(code: "brahui", name: "Brahui", dialects: []),
        Language(code: "bulgarian", name: "Bulgarian", dialects: []),
        Language(code: "burmese", name: "Burmese", dialects: []),
        Language(code: "cantonese", name: "Cantonese", dialects: []),
        Language(code: "chechen", name: "Chechen", dialects: []),
        Language(code: "chichewa", name: "Chichewa", dialects: []),
        Language(code: "croatian", name: "Croatian", dialects: []),
        Language(code: "czech", name: "Czech", dialects: []),
        Language(code: "dari", name: "Dari", dialects: []),
        Language(code: "dinka", name: "Dinka", dialects: []),
        Language(code: "edo", name: "Edo", dialects: []),
        Language(code: "english", name: "English", dialects: []),
        Language(code: "ewe", name: "Ewe", dialects: []),
        Language(code: "farsi", name: "Farsi", dialects: []),
        Language(code: "french", name: "French", dialects: []),
        Language(code: "fula", name: "Fula", dialects: [
            Dialect(code: "fulfulde", name: "Fulfulde"),
            Dialect(code: "pulaar", name: "Pulaar"),
            Dialect(code: "pular", name: "Pular"),
        ]),
        Language(code: "fur", name: "Fur", dialects: []),
        Language(code: "fuzhounese", name: "Fuzhounese", dialects: []),
        Language(code: "ga", name: "Ga", dialects: []),
        Language(code: "georgian", name: "Georgian", dialects: []),
        Language(code: "german", name: "German", dialects: []),
        Language(code: "greek", name: "Greek", dialects: []),
        Language(code: "gujarati", name: "Gujarati", dialects: []),
        Language(code: "hakka", name: "Hakka", dialects: []),
        Language(code: "hausa", name: "Hausa", dialects: []),
        Language(code: "hazaragi", name: "Hazaragi", dialects: []),
        Language(code: "hebrew", name: "Hebrew", dialects: []),
        Language(code: "hindi", name: "Hindi", dialects: []),
        Language(code: "hokkien", name: "Hokkien", dialects: []),
        Language(code: "hungarian", name: "Hungarian", dialects: []),
        Language(code: "igbo", name: "Igbo", dialects: []),
        Language(code: "indonesian", name: "Indonesian", dialects: []),
        Language(code: "italian", name: "Italian", dialects: []),
        Language(code: "kashmiri", name: "Kashmiri", dialects: []),
        Language(code: "kazakh", name: "Kazakh", dialects: []),
        Language(code: "khmer", name: "Khmer", dialects: []),
        Language(code: "kikongo", name: "Kikongo", dialects: []),
        Language(code: "kikuyu", name: "Kikuyu", dialects: []),
        Language(code: "kinyarwanda", name: "Kinyarwanda", dialects: []),
        Language(code: "kirundi", name: "Kirundi", dialects: []),
        Language(code: "korean", name: "Korean", dialects: []),
        Language(code: "krio", name: "Krio", dialects: []),
        Language(code: "kunama", name: "Kunama", dialects: []),
        Language(code: "kurdish", name: "Kurdish", dialects: [
            Dialect(code: "badini", name: "Badini"),
            Dialect(code: "feyli", name: "Feyli"),
            Dialect(code: "hawrami", name: "Hawrami"),
            Dialect(code: "kurmanji", name: "Kurmanji"),
            Dialect(code: "sorani", name: "Sorani"),
        ]),
        Language(code: "kyrgyz", name: "Kyrgyz", dialects: []),
        Language(code: "latvian", name: "Latvian", dialects: []),
        Language(code: "lingala", name: "Lingala", dialects: []),
        Language(code: "lithuanian", name: "Lithuanian", dialects: []),
        Language(code: "luganda", name: "Luganda", dialects: []),
        Language(code: "luo", name: "Luo", dialects: []),
        Language(code: "macedonian", name: "Macedonian", dialects: []),
        Language(code: "malay", name: "Malay", dialects: []),
        Language(code: "malayalam", name: "Malayalam", dialects: []),
        Language(code: "mandarin", name: "Mandarin", dialects: []),
        Language(code: "mandinka", name: "Mandinka", dialects: []),
        Language(code: "masalit", name: "Masalit", dialects: []),
        Language(code: "mende", name: "Mende", dialects: []),
        Language(code: "mongolian", name: "Mongolian", dialects: []),
        Language(code: "ndebele", name: "Ndebele", dialects: []),
        Language(code: "nepali", name: "Nepali", dialects: []),
        Language(code: "nigerian-pidgin", name: "Nigerian Pidgin", dialects: []),
        Language(code: "nuer", name: "Nuer", dialects: []),
        Language(code: "oromo", name: "Oromo", dialects: []),
        Language(code: "pahari-pothwari", name: "Pahari-Pothwari", dialects: []),
        Language(code: "pashto", name: "Pashto", dialects: []),
        Language(code: "polish", name: "Polish", dialects: []),
        Language(code: "portuguese", name: "Portuguese", dialects: [
            Dialect(code: "brazilian", name: "Brazilian"),
            Dialect(code: "european", name: "European"),
        ]),
        Language(code: "punjabi", name: "Punjabi", dialects: []),
        Language(code: "rohingya", name: "Rohingya", dialects: []),
        Language(code: "romani", name: "Romani", dialects: []),
        Language(code: "romanian", name: "Romanian", dialects: []),
        Language(code: "russian", name: "Russian", dialects: []),
        Language(code: "saho", name: "Saho", dialects: []),
        Language(code: "saraiki", name: "Saraiki", dialects: []),
        Language(code: "serbian", name: "Serbian", dialects: []),
        Language(code: "shona", name: "Shona", dialects: []),
        Language(code: "sindhi", name: "Sindhi", dialects: []),
        Language(code: "sinhala", name: "Sinhala", dialects: []),
        Language(code: "slovak", name: "Slovak", dialects: []),
        Language(code: "somali", name: "Somali", dialects: [
            Dialect(code: "maay", name: "Maay"),
            Dialect(code: "maxaa", name: "Maxaa"),
        ]),
        Language(code: "soninke", name: "Soninke", dialects: []),
        Language(code: "spanish", name: "Spanish", dialects: []),
        Language(code: "susu", name: "Susu", dialects: []),
        Language(code: "swahili", name: "Swahili", dialects: []),
        Language(code: "sylheti", name: "Sylheti", dialects: []),
        Language(code: "tagalog", name: "Tagalog", dialects: []),
        Language(code: "tajik", name: "Tajik", dialects: []),
        Language(code: "tamil", name: "Tamil", dialects: []),
        Language(code: "temne", name: "Temne", dialects: []),
        Language(code: "tetum", name: "Tetum", dialects: []),
        Language(code: "thai", name: "Thai", dialects: []),
        Language(code: "tibetan", name: "Tibetan", dialects: []),
        Language(code: "tigre", name: "Tigre", dialects: []),
        Language(code: "tigrinya", name: "Tigrinya", dialects: []),
        Language(code: "tshiluba", name: "Tshiluba", dialects: []),
        Language(code: "turkish", name: "Turkish", dialects: []),
        Language(code: "turkmen", name: "Turkmen", dialects: []),
        Language(code: "twi", name: "Twi", dialects: [
            Dialect(code: "akuapem", name: "Akuapem"),
            Dialect(code: "asante", name: "Asante"),
        ]),
        Language(code: "ukrainian", name: "Ukrainian", dialects: []),
        Language(code: "urdu", name: "Urdu", dialects: []),
        Language(code: "uyghur", name: "Uyghur", dialects: []),
        Language(code: "uzbek", name: "Uzbek", dialects: []),
        Language(code: "vietnamese", name: "Vietnamese", dialects: []),
        Language(code: "wolof", name: "Wolof", dialects: []),
        Language(code: "xhosa", name: "Xhosa", dialects: []),
        Language(code: "yoruba", name: "Yoruba", dialects: []),
        Language(code: "zaghawa", name: "Zaghawa", dialects: []),
        Language(code: "zulu", name: "Zulu", dialects: []),
    ]

    /// Look-up by language code.
    public static let byCode: [String: Language] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The language for a code (case-insensitive), or nil.
    public static func language(code: String) -> Language? {
        byCode[code.lowercased()]
    }

    /// True when `language` is known and `dialect` is nil or is one of the language's dialects.
    public static func isValid(language: String, dialect: String?) -> Bool {
        guard let entry = Languages.language(code: language) else { return false }
        guard let dialect else { return true }
        return entry.dialect(code: dialect) != nil
    }

    /// "Kurdish (Sorani)" or "Kurdish"; the code itself when unknown.
    public static func displayName(language: String, dialect: String?) -> String {
        guard let entry = Languages.language(code: language) else { return language }
        guard let dialect else { return entry.name }
        return "\(entry.name) (\(entry.dialect(code: dialect)?.name ?? dialect))"
    }
}
