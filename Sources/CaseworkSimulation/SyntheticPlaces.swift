/// UK places for synthetic addresses: towns where asylum seekers are housed, with their postcode area, districts and
/// local authority. Postcodes have a valid shape (`UKPostcode.isValid`) but are not checked against Royal Mail's list.
struct Town: Sendable {
    let name: String
    /// Postcode area, e.g. "G".
    let area: String
    let districts: ClosedRange<Int>
    let localAuthority: String
    /// True when the town's children are the northern children's hub's (8.115: each hub has named regions).
    let north: Bool
    /// How many claimants live there, relatively.
    let weight: Double
}

enum SyntheticPlaces {
    static let towns: [Town] = [
        Town(name: "Glasgow", area: "G", districts: 1...53, localAuthority: "Glasgow City Council", north: true, weight: 8),
        Town(name: "Liverpool", area: "L", districts: 1...38, localAuthority: "Liverpool City Council", north: true, weight: 6),
        Town(name: "Manchester", area: "M", districts: 1...40, localAuthority: "Manchester City Council", north: true, weight: 6),
        Town(name: "Salford", area: "M", districts: 5...7, localAuthority: "Salford City Council", north: true, weight: 2),
        Town(name: "Bolton", area: "BL", districts: 1...6, localAuthority: "Bolton Council", north: true, weight: 2),
        Town(name: "Rochdale", area: "OL", districts: 11...16, localAuthority: "Rochdale Borough Council", north: true, weight: 2),
        Town(name: "Leeds", area: "LS", districts: 1...29, localAuthority: "Leeds City Council", north: true, weight: 4),
        Town(name: "Bradford", area: "BD", districts: 1...15, localAuthority: "City of Bradford Metropolitan District Council", north: true, weight: 3),
        Town(name: "Huddersfield", area: "HD", districts: 1...9, localAuthority: "Kirklees Council", north: true, weight: 2),
        Town(name: "Wakefield", area: "WF", districts: 1...4, localAuthority: "Wakefield Council", north: true, weight: 1),
        Town(name: "Sheffield", area: "S", districts: 1...36, localAuthority: "Sheffield City Council", north: true, weight: 3),
        Town(name: "Rotherham", area: "S", districts: 60...66, localAuthority: "Rotherham Metropolitan Borough Council", north: true, weight: 1),
        Town(name: "Hull", area: "HU", districts: 1...17, localAuthority: "Hull City Council", north: true, weight: 2),
        Town(name: "Middlesbrough", area: "TS", districts: 1...8, localAuthority: "Middlesbrough Council", north: true, weight: 2),
        Town(name: "Stockton-on-Tees", area: "TS", districts: 17...21, localAuthority: "Stockton-on-Tees Borough Council", north: true, weight: 1),
        Town(name: "Newcastle upon Tyne", area: "NE", districts: 1...15, localAuthority: "Newcastle City Council", north: true, weight: 3),
        Town(name: "Gateshead", area: "NE", districts: 8...11, localAuthority: "Gateshead Council", north: true, weight: 1),
        Town(name: "Sunderland", area: "SR", districts: 1...6, localAuthority: "Sunderland City Council", north: true, weight: 1),
        Town(name: "Birmingham", area: "B", districts: 1...48, localAuthority: "Birmingham City Council", north: true, weight: 6),
        Town(name: "Coventry", area: "CV", districts: 1...6, localAuthority: "Coventry City Council", north: true, weight: 2),
        Town(name: "Wolverhampton", area: "WV", districts: 1...14, localAuthority: "City of Wolverhampton Council", north: true, weight: 2),
        Town(name: "Stoke-on-Trent", area: "ST", districts: 1...6, localAuthority: "Stoke-on-Trent City Council", north: true, weight: 2),
        Town(name: "Leicester", area: "LE", districts: 1...5, localAuthority: "Leicester City Council", north: true, weight: 2),
        Town(name: "Nottingham", area: "NG", districts: 1...11, localAuthority: "Nottingham City Council", north: true, weight: 2),
        Town(name: "Derby", area: "DE", districts: 1...24, localAuthority: "Derby City Council", north: true, weight: 1),
        Town(name: "Belfast", area: "BT", districts: 1...17, localAuthority: "Belfast City Council", north: true, weight: 2),
        Town(name: "Cardiff", area: "CF", districts: 3...24, localAuthority: "Cardiff Council", north: false, weight: 3),
        Town(name: "Swansea", area: "SA", districts: 1...6, localAuthority: "Swansea Council", north: false, weight: 2),
        Town(name: "Newport", area: "NP", districts: 19...20, localAuthority: "Newport City Council", north: false, weight: 1),
        Town(name: "Bristol", area: "BS", districts: 1...16, localAuthority: "Bristol City Council", north: false, weight: 2),
        Town(name: "Plymouth", area: "PL", districts: 1...7, localAuthority: "Plymouth City Council", north: false, weight: 1),
        Town(name: "Southampton", area: "SO", districts: 14...19, localAuthority: "Southampton City Council", north: false, weight: 1),
        Town(name: "Portsmouth", area: "PO", districts: 1...6, localAuthority: "Portsmouth City Council", north: false, weight: 1),
        Town(name: "Croydon", area: "CR", districts: 0...9, localAuthority: "London Borough of Croydon", north: false, weight: 4),
        Town(name: "Hayes", area: "UB", districts: 3...4, localAuthority: "London Borough of Hillingdon", north: false, weight: 3),
        Town(name: "Ilford", area: "IG", districts: 1...3, localAuthority: "London Borough of Redbridge", north: false, weight: 2),
        Town(name: "London", area: "E", districts: 6...16, localAuthority: "London Borough of Newham", north: false, weight: 4),
        Town(name: "Wembley", area: "HA", districts: 0...9, localAuthority: "London Borough of Brent", north: false, weight: 2),
        Town(name: "Folkestone", area: "CT", districts: 18...20, localAuthority: "Kent County Council", north: false, weight: 2),
        Town(name: "Ashford", area: "TN", districts: 23...27, localAuthority: "Kent County Council", north: false, weight: 2),
        Town(name: "Brighton", area: "BN", districts: 1...3, localAuthority: "Brighton and Hove City Council", north: false, weight: 1),
        Town(name: "Norwich", area: "NR", districts: 1...7, localAuthority: "Norfolk County Council", north: false, weight: 1),
        Town(name: "Peterborough", area: "PE", districts: 1...4, localAuthority: "Peterborough City Council", north: false, weight: 1),
    ]

    /// Where UASC first arrive and are looked after: the ports and airports weigh heavily (Kent, Croydon, Hillingdon).
    static let childTownWeights: [String: Double] = ["Folkestone": 14, "Ashford": 10, "Croydon": 10, "Hayes": 8]

    static let streets: [String] = [
        "High Street", "Station Road", "Church Street", "Victoria Road", "Park Road", "Green Lane", "Manor Road", "Church Road",
        "Queens Road", "New Road", "Grange Road", "Kings Road", "Albert Road", "Mill Lane", "Alexandra Road", "North Street",
        "Springfield Road", "Stanley Road", "York Road", "Richmond Road", "Chester Road", "Broadway", "Cemetery Road",
        "Windsor Road", "Elm Grove", "Clarence Street", "Princes Avenue", "Derby Road", "Oxford Street", "Wellington Street",
        "Market Street", "Cross Street", "Brook Street", "Moor Lane", "Stamford Street", "Granby Street", "Beech Avenue",
        "Duke Street", "Cavendish Road", "Rosebery Avenue",
    ]

    /// Contingency accommodation (hotels), by a neutral name.
    static let hotels: [String] = [
        "Station Hotel", "Park View Hotel", "Royal Hotel", "Grand Hotel", "Riverside Lodge", "Britannia House", "Crown Hotel",
        "Bridge Inn", "Central Hotel", "Metropole Hotel", "County Hotel", "Victoria Hotel", "Airport Lodge", "Bay Hotel",
    ]

    /// Immigration removal centres, for detained claimants: name, town, postcode.
    static let removalCentres: [(name: String, town: String, postcode: String)] = [
        ("Harmondsworth Immigration Removal Centre", "West Drayton", "UB7 0HB"),
        ("Colnbrook Immigration Removal Centre", "West Drayton", "UB7 0FX"),
        ("Brook House Immigration Removal Centre", "Gatwick", "RH6 0PQ"),
        ("Yarl's Wood Immigration Removal Centre", "Bedford", "MK44 1FD"),
        ("Dungavel House Immigration Removal Centre", "Strathaven", "ML10 6RF"),
        ("Derwentside Immigration Removal Centre", "Consett", "DH8 9QY"),
    ]

    /// Letters used in the inward part of a postcode (not C, I, K, M, O or V).
    static let inwardLetters: [String] = "ABDEFGHJLNPQRSTUWXYZ".map(String.init)

    /// Invented firms of immigration solicitors, with email domains under `.example` so no real inbox is ever written to.
    static let firms: [(name: String, domain: String)] = [
        ("Harbour Law Solicitors", "harbourlaw.example"), ("Northgate Immigration Law", "northgatelaw.example"),
        ("Pennine Legal Advice Centre", "pennine-legal.example"), ("Clyde Refugee Law Practice", "clyderefugeelaw.example"),
        ("Mersey Asylum Advocates", "merseyasylum.example"), ("Thameside Immigration Solicitors", "thameside-immigration.example"),
        ("Brightwater Legal", "brightwaterlegal.example"), ("Castlegate & Co Solicitors", "castlegate.example"),
        ("Hollins Aziz Solicitors", "hollinsaziz.example"), ("Kestrel Law", "kestrellaw.example"),
        ("Meridian Immigration Advice", "meridianadvice.example"), ("Oakfield Solicitors", "oakfieldsolicitors.example"),
        ("Riverside Law Centre", "riversidelawcentre.example"), ("Stonebridge Legal", "stonebridgelegal.example"),
        ("Westway Immigration Practice", "westway-immigration.example"), ("Avonside Legal Aid Practice", "avonsidelegal.example"),
        ("Taff Valley Law", "taffvalleylaw.example"), ("Lagan Immigration Law", "laganlaw.example"),
        ("Midland Refugee Legal Centre", "midlandrefugeelegal.example"), ("Quayside Solicitors", "quaysidesolicitors.example"),
    ]

    /// Declared disabilities, sexual orientations and gender identities for voluntary equality data.
    static let disabilities: [(String, Double)] = [
        ("Mobility impairment", 3), ("Hearing impairment", 1), ("Visual impairment", 1), ("Long-term mental health condition", 4),
        ("Learning disability", 1), ("Chronic illness", 2),
    ]
    static let sexualOrientations: [(String, Double)] = [
        ("Heterosexual", 70), ("Gay", 8), ("Lesbian", 3), ("Bisexual", 5), ("Prefer not to say", 14),
    ]
    static let genderIdentities: [(String, Double)] = [("Same as sex registered at birth", 85), ("Transgender", 3), ("Non-binary", 2), ("Prefer not to say", 10)]
}
