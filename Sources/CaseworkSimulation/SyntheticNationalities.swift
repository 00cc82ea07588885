import CaseworkDomain

/// What goes with a nationality: the languages spoken (with dialect), and for each the names and ethnicity that go with
/// it; religions; a nationality sometimes established instead. Codes come from `Countries` and `Languages`.
struct NationalityReference: Sendable {
    /// One way of being from the country: a first language, a naming tradition, an ethnicity.
    struct Variant: Sendable {
        let language: SpokenLanguage
        let names: NameGroup
        let ethnicity: String
    }

    let code: String
    let variants: Weighted<Variant>
    /// Second languages an interpreter could use.
    let secondLanguages: [SpokenLanguage]
    let religions: Weighted<String>
    /// A nationality sometimes established instead of the one claimed (e.g. Eritrean claimed, Ethiopian found).
    let alternative: String?

    init(_ code: String, _ variants: [(Variant, Double)], second: [SpokenLanguage], religions: [(String, Double)], alternative: String? = nil) {
        self.code = code
        self.variants = Weighted(variants)
        self.secondLanguages = second
        self.religions = Weighted(religions)
        self.alternative = alternative
    }
}

/// The reference table for the nationalities in `SyntheticProfile.nationalities`.
enum SyntheticNationalities {
    private typealias N = SyntheticNames

    private static func v(_ language: String, _ dialect: String? = nil, _ names: NameGroup, _ ethnicity: String) -> NationalityReference.Variant {
        .init(language: SpokenLanguage(language: language, dialect: dialect), names: names, ethnicity: ethnicity)
    }

    private static func l(_ language: String, _ dialect: String? = nil) -> SpokenLanguage { SpokenLanguage(language: language, dialect: dialect) }

    private static let islam: [(String, Double)] = [("Muslim (Sunni)", 0.85), ("Muslim (Shia)", 0.08), ("Christian", 0.04), ("None", 0.03)]

    static let all: [String: NationalityReference] = {
        let entries: [NationalityReference] = [
            .init("ALB", [(v("albanian", "gheg", N.albanian, "Albanian"), 0.6), (v("albanian", "tosk", N.albanian, "Albanian"), 0.4)],
                  second: [l("italian"), l("greek"), l("english")],
                  religions: [("Muslim", 0.55), ("Christian (Catholic)", 0.15), ("Christian (Orthodox)", 0.10), ("None", 0.20)]),
            .init("AFG", [(v("pashto", nil, N.afghan, "Pashtun"), 0.45), (v("dari", nil, N.afghan, "Tajik"), 0.33),
                          (v("hazaragi", nil, N.afghan, "Hazara"), 0.17), (v("uzbek", nil, N.afghan, "Uzbek"), 0.05)],
                  second: [l("dari"), l("urdu"), l("farsi")],
                  religions: [("Muslim (Sunni)", 0.78), ("Muslim (Shia)", 0.18), ("Sikh", 0.02), ("Christian", 0.02)]),
            .init("IRN", [(v("farsi", nil, N.persian, "Persian"), 0.55), (v("kurdish", "sorani", N.kurdish, "Kurdish"), 0.30),
                          (v("kurdish", "kurmanji", N.kurdish, "Kurdish"), 0.04), (v("azerbaijani", "south", N.persian, "Azeri"), 0.05),
                          (v("baluchi", nil, N.persian, "Baluch"), 0.03), (v("arabic", "iraqi", N.arabic, "Ahwazi Arab"), 0.03)],
                  second: [l("farsi"), l("english"), l("turkish")],
                  religions: [("Muslim (Shia)", 0.50), ("Christian (convert)", 0.25), ("Muslim (Sunni)", 0.10), ("None", 0.10), ("Baha'i", 0.03), ("Zoroastrian", 0.02)]),
            .init("IRQ", [(v("kurdish", "sorani", N.kurdish, "Kurdish"), 0.60), (v("kurdish", "badini", N.kurdish, "Kurdish"), 0.10),
                          (v("arabic", "iraqi", N.arabic, "Arab"), 0.28), (v("kurdish", "feyli", N.kurdish, "Feyli Kurd"), 0.02)],
                  second: [l("arabic", "iraqi"), l("farsi"), l("turkish")],
                  religions: [("Muslim (Sunni)", 0.60), ("Muslim (Shia)", 0.25), ("Yazidi", 0.06), ("Christian", 0.05), ("None", 0.04)]),
            .init("ERI", [(v("tigrinya", nil, N.habesha, "Tigrinya"), 0.88), (v("tigre", nil, N.habesha, "Tigre"), 0.07),
                          (v("bilen", nil, N.habesha, "Bilen"), 0.03), (v("saho", nil, N.habesha, "Saho"), 0.02)],
                  second: [l("amharic"), l("arabic", "sudanese"), l("english")],
                  religions: [("Christian (Orthodox)", 0.60), ("Christian (Pentecostal)", 0.18), ("Muslim", 0.20), ("Christian (Catholic)", 0.02)],
                  alternative: "ETH"),
            .init("SYR", [(v("arabic", "levantine", N.arabic, "Arab"), 0.80), (v("kurdish", "kurmanji", N.kurdish, "Kurdish"), 0.20)],
                  second: [l("english"), l("turkish")],
                  religions: [("Muslim (Sunni)", 0.82), ("Christian", 0.06), ("Alawite", 0.04), ("Druze", 0.03), ("None", 0.05)]),
            .init("SDN", [(v("arabic", "sudanese", N.sudanese, "Arab"), 0.80), (v("fur", nil, N.sudanese, "Fur"), 0.07),
                          (v("masalit", nil, N.sudanese, "Masalit"), 0.07), (v("zaghawa", nil, N.sudanese, "Zaghawa"), 0.06)],
                  second: [l("arabic", "sudanese"), l("english")],
                  religions: [("Muslim (Sunni)", 0.95), ("Christian", 0.05)], alternative: "TCD"),
            .init("PAK", [(v("urdu", nil, N.pakistani, "Punjabi"), 0.55), (v("punjabi", nil, N.pakistani, "Punjabi"), 0.25),
                          (v("pashto", nil, N.pakistani, "Pashtun"), 0.10), (v("pahari-pothwari", nil, N.pakistani, "Kashmiri"), 0.10)],
                  second: [l("english"), l("urdu")],
                  religions: [("Muslim (Sunni)", 0.80), ("Ahmadi", 0.08), ("Muslim (Shia)", 0.07), ("Christian", 0.05)]),
            .init("IND", [(v("punjabi", nil, N.indian, "Punjabi"), 0.55), (v("hindi", nil, N.indian, "Indian"), 0.22),
                          (v("gujarati", nil, N.indian, "Gujarati"), 0.10), (v("tamil", nil, N.indian, "Tamil"), 0.07), (v("malayalam", nil, N.indian, "Malayali"), 0.06)],
                  second: [l("english"), l("hindi")],
                  religions: [("Sikh", 0.50), ("Hindu", 0.35), ("Muslim", 0.10), ("Christian", 0.05)]),
            .init("BGD", [(v("bengali", nil, N.bangladeshi, "Bengali"), 0.60), (v("sylheti", nil, N.bangladeshi, "Bengali"), 0.40)],
                  second: [l("english"), l("bengali")],
                  religions: [("Muslim (Sunni)", 0.90), ("Hindu", 0.07), ("None", 0.03)]),
            .init("VNM", [(v("vietnamese", nil, N.vietnamese, "Kinh"), 1)], second: [l("english")],
                  religions: [("None", 0.50), ("Buddhist", 0.35), ("Christian (Catholic)", 0.15)]),
            .init("TUR", [(v("turkish", nil, N.turkish, "Turkish"), 0.55), (v("kurdish", "kurmanji", N.kurdish, "Kurdish"), 0.45)],
                  second: [l("turkish"), l("english")],
                  religions: [("Muslim (Sunni)", 0.70), ("Alevi", 0.20), ("None", 0.10)]),
            .init("EGY", [(v("arabic", "egyptian", N.arabic, "Arab"), 1)], second: [l("english")],
                  religions: [("Muslim (Sunni)", 0.85), ("Christian (Coptic)", 0.15)]),
            .init("LBY", [(v("arabic", "libyan", N.arabic, "Arab"), 0.9), (v("arabic", "modern-standard", N.arabic, "Amazigh"), 0.1)],
                  second: [l("english"), l("italian")], religions: islam),
            .init("YEM", [(v("arabic", "yemeni", N.arabic, "Arab"), 1)], second: [l("english")],
                  religions: [("Muslim (Sunni)", 0.55), ("Muslim (Zaydi Shia)", 0.42), ("Christian", 0.03)]),
            .init("GEO", [(v("georgian", nil, N.georgian, "Georgian"), 1)], second: [l("russian"), l("english")],
                  religions: [("Christian (Orthodox)", 0.85), ("Muslim", 0.08), ("None", 0.07)]),
            .init("SLV", [(v("spanish", nil, N.hispanic, "Salvadoran"), 1)], second: [l("english")],
                  religions: [("Christian (Catholic)", 0.50), ("Christian (Evangelical)", 0.40), ("None", 0.10)]),
            .init("COL", [(v("spanish", nil, N.hispanic, "Colombian"), 1)], second: [l("english")],
                  religions: [("Christian (Catholic)", 0.70), ("Christian (Evangelical)", 0.20), ("None", 0.10)]),
            .init("ETH", [(v("amharic", nil, N.habesha, "Amhara"), 0.40), (v("oromo", nil, N.oromo, "Oromo"), 0.45), (v("tigrinya", nil, N.habesha, "Tigrayan"), 0.15)],
                  second: [l("amharic"), l("english"), l("arabic", "sudanese")],
                  religions: [("Christian (Orthodox)", 0.45), ("Muslim", 0.35), ("Christian (Protestant)", 0.20)], alternative: "ERI"),
            .init("KWT", [(v("arabic", "gulf", N.arabic, "Bidoon"), 1)], second: [l("english")],
                  religions: [("Muslim (Sunni)", 0.70), ("Muslim (Shia)", 0.30)], alternative: "IRQ"),
            .init("NGA", [(v("english", nil, N.nigerian, "Yoruba"), 0.40), (v("yoruba", nil, N.nigerian, "Yoruba"), 0.20),
                          (v("igbo", nil, N.nigerian, "Igbo"), 0.15), (v("nigerian-pidgin", nil, N.nigerian, "Igbo"), 0.12), (v("edo", nil, N.nigerian, "Edo"), 0.13)],
                  second: [l("english"), l("nigerian-pidgin")],
                  religions: [("Christian (Pentecostal)", 0.45), ("Christian (Catholic)", 0.20), ("Muslim", 0.30), ("None", 0.05)]),
            .init("LKA", [(v("tamil", nil, N.srilankan, "Tamil"), 0.85), (v("sinhala", nil, N.srilankan, "Sinhalese"), 0.15)],
                  second: [l("english"), l("sinhala")],
                  religions: [("Hindu", 0.60), ("Christian", 0.20), ("Buddhist", 0.15), ("Muslim", 0.05)]),
            .init("CHN", [(v("mandarin", nil, N.chinese, "Han Chinese"), 0.60), (v("fuzhounese", nil, N.chinese, "Han Chinese"), 0.20),
                          (v("cantonese", nil, N.chinese, "Han Chinese"), 0.08), (v("uyghur", nil, N.uyghur, "Uyghur"), 0.12)],
                  second: [l("mandarin"), l("english")],
                  religions: [("None", 0.45), ("Christian", 0.25), ("Falun Gong", 0.15), ("Muslim", 0.12), ("Buddhist", 0.03)]),
            .init("SOM", [(v("somali", "maxaa", N.somali, "Somali"), 0.75), (v("somali", "maay", N.somali, "Somali (Bantu)"), 0.15),
                          (v("bajuni", nil, N.somali, "Bajuni"), 0.10)],
                  second: [l("arabic", "modern-standard"), l("english"), l("swahili")], religions: [("Muslim (Sunni)", 0.98), ("Christian", 0.02)]),
            .init("TCD", [(v("arabic", "chadian", N.sudanese, "Arab"), 0.60), (v("zaghawa", nil, N.sudanese, "Zaghawa"), 0.25), (v("french", nil, N.sudanese, "Sara"), 0.15)],
                  second: [l("french"), l("arabic", "chadian")], religions: [("Muslim", 0.80), ("Christian", 0.20)], alternative: "SDN"),
        ]
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })
    }()

    /// For a nationality not in the table: English speakers with UK-style names.
    static func fallback(_ code: String) -> NationalityReference {
        .init(code, [(v("english", nil, SyntheticNames.british, "Other"), 1)], second: [], religions: [("Prefer not to say", 1)])
    }
}
