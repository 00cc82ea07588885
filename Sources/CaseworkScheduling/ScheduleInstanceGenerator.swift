import CaseworkDomain
import Foundation

/// Generates a realistic week to schedule, from a seed: interview locations at UK cities with their real coordinates,
/// rooms with the slot patterns interviews need, interpreters over sixty language and dialect pairs with the short
/// supply DOMAIN.md names (Kurdish Sorani, Kurmanji and Badini, Vietnamese, Tagalog, Georgian, Bengali and Sylheti,
/// Moroccan Arabic; 10.50–10.51), interview-trained decision makers by cohort, and claims living near the dispersal
/// areas with their languages, kinds, children and access needs.
///
/// The default size is a national week: about 3,400 slots (DOMAIN.md, note 118) at 40 locations, 600 interpreters,
/// 2,500 decision makers and 5,000 claims. The same seed always gives the same instance.
public struct ScheduleInstanceGenerator: Sendable {
    /// The seed.
    public var seed: UInt64
    /// Claims waiting.
    public var claims: Int = 5_000
    /// Interview locations (at most `ScheduleInstanceGenerator.places.count`).
    public var locations: Int = 40
    /// Slots to offer in the week, roughly.
    public var slots: Int = 3_400
    /// Interpreters.
    public var interpreters: Int = 600
    /// Interview-trained decision makers.
    public var decisionMakers: Int = 2_500
    /// Reserves to invite, as a share of bookings (8.72).
    public var manifestShare: Double = 0.065
    /// The week: Monday 30 November to Friday 4 December 2026.
    public var week: [LocalDate] = (0..<5).map { LocalDate(year: 2026, month: 11, day: 30)!.adding(days: $0) }

    /// A national-size generator for `seed`.
    public init(seed: UInt64) { self.seed = seed }

    /// A generator of a given size.
    public init(seed: UInt64, claims: Int, locations: Int, slots: Int, interpreters: Int, decisionMakers: Int) {
        self.seed = seed
        self.claims = claims
        self.locations = locations
        self.slots = slots
        self.interpreters = interpreters
        self.decisionMakers = decisionMakers
    }

    /// A town or city with its centre's coordinates and its weight in claims (roughly, where claimants are dispersed).
    struct Place {
        let name: String
        let latitude: Double
        let longitude: Double
        let weight: Double
    }

    /// Interview locations, largest first: the London sites, then the dispersal cities.
    static let places: [Place] = [
        Place(name: "Croydon", latitude: 51.372, longitude: -0.099, weight: 9), Place(name: "Hounslow", latitude: 51.468, longitude: -0.361, weight: 6),
        Place(name: "Stratford", latitude: 51.541, longitude: -0.003, weight: 6), Place(name: "Birmingham", latitude: 52.486, longitude: -1.890, weight: 7),
        Place(name: "Manchester", latitude: 53.481, longitude: -2.243, weight: 7), Place(name: "Glasgow", latitude: 55.864, longitude: -4.252, weight: 6),
        Place(name: "Liverpool", latitude: 53.408, longitude: -2.992, weight: 5), Place(name: "Leeds", latitude: 53.801, longitude: -1.549, weight: 5),
        Place(name: "Wembley", latitude: 51.556, longitude: -0.280, weight: 4), Place(name: "Newcastle upon Tyne", latitude: 54.978, longitude: -1.618, weight: 4),
        Place(name: "Cardiff", latitude: 51.481, longitude: -3.179, weight: 4), Place(name: "Sheffield", latitude: 53.381, longitude: -1.470, weight: 3.5),
        Place(name: "Bradford", latitude: 53.795, longitude: -1.759, weight: 3), Place(name: "Middlesbrough", latitude: 54.574, longitude: -1.235, weight: 3),
        Place(name: "Belfast", latitude: 54.597, longitude: -5.930, weight: 3), Place(name: "Bristol", latitude: 51.454, longitude: -2.588, weight: 3),
        Place(name: "Solihull", latitude: 52.411, longitude: -1.778, weight: 3), Place(name: "Coventry", latitude: 52.406, longitude: -1.512, weight: 2.5),
        Place(name: "Leicester", latitude: 52.637, longitude: -1.140, weight: 2.5), Place(name: "Nottingham", latitude: 52.954, longitude: -1.158, weight: 2.5),
        Place(name: "Stoke-on-Trent", latitude: 53.003, longitude: -2.179, weight: 2.5), Place(name: "Wolverhampton", latitude: 52.587, longitude: -2.129, weight: 2),
        Place(name: "Swansea", latitude: 51.621, longitude: -3.944, weight: 2), Place(name: "Hull", latitude: 53.745, longitude: -0.337, weight: 2),
        Place(name: "Sunderland", latitude: 54.906, longitude: -1.381, weight: 2), Place(name: "Bolton", latitude: 53.578, longitude: -2.429, weight: 2),
        Place(name: "Edinburgh", latitude: 55.953, longitude: -3.189, weight: 2), Place(name: "Derby", latitude: 52.922, longitude: -1.477, weight: 1.5),
        Place(name: "Southampton", latitude: 50.909, longitude: -1.404, weight: 1.5), Place(name: "Portsmouth", latitude: 50.805, longitude: -1.087, weight: 1.5),
        Place(name: "Folkestone", latitude: 51.081, longitude: 1.166, weight: 2), Place(name: "Brighton", latitude: 50.822, longitude: -0.137, weight: 1.5),
        Place(name: "Peterborough", latitude: 52.573, longitude: -0.241, weight: 1.5), Place(name: "Norwich", latitude: 52.630, longitude: 1.297, weight: 1.2),
        Place(name: "Plymouth", latitude: 50.376, longitude: -4.143, weight: 1.2), Place(name: "Preston", latitude: 53.763, longitude: -2.703, weight: 1.2),
        Place(name: "Luton", latitude: 51.879, longitude: -0.417, weight: 1.2), Place(name: "Wakefield", latitude: 53.683, longitude: -1.499, weight: 1.2),
        Place(name: "Northampton", latitude: 52.240, longitude: -0.902, weight: 1), Place(name: "Reading", latitude: 51.455, longitude: -0.978, weight: 1),
        Place(name: "Oxford", latitude: 51.752, longitude: -1.258, weight: 1), Place(name: "Ipswich", latitude: 52.057, longitude: 1.148, weight: 1),
        Place(name: "York", latitude: 53.960, longitude: -1.082, weight: 1), Place(name: "Swindon", latitude: 51.558, longitude: -1.782, weight: 0.8),
    ]

    /// Places where some claimants live far from any interview location.
    static let outlyingPlaces: [Place] = [
        Place(name: "Aberdeen", latitude: 57.149, longitude: -2.094, weight: 1), Place(name: "Inverness", latitude: 57.478, longitude: -4.224, weight: 0.4),
        Place(name: "Truro", latitude: 50.263, longitude: -5.051, weight: 0.4), Place(name: "Carlisle", latitude: 54.893, longitude: -2.933, weight: 0.5),
        Place(name: "Dumfries", latitude: 55.070, longitude: -3.605, weight: 0.3),
    ]

    /// A language pair claims ask for: its share of claims, whether interpreters are short (10.50–10.51), and the
    /// pair an interpreter of it often also speaks.
    struct LanguageNeed {
        let language: ScheduleLanguage
        let demand: Double
        let scarce: Bool
        let alsoSpoken: ScheduleLanguage?
    }

    static let languageNeeds: [LanguageNeed] = {
        func need(_ name: String, _ dialect: String?, _ demand: Double, scarce: Bool = false, also: (String, String?)? = nil) -> LanguageNeed {
            LanguageNeed(language: ScheduleLanguage(name, dialect: dialect), demand: demand, scarce: scarce, alsoSpoken: also.map { ScheduleLanguage($0.0, dialect: $0.1) })
        }
        return [
            need("Arabic", "Sudanese", 9, also: ("Arabic", "Egyptian")), need("Arabic", "Levantine", 5, also: ("Arabic", "Iraqi")),
            need("Arabic", "Iraqi", 4, also: ("Kurdish", "Sorani")), need("Arabic", "Egyptian", 3, also: ("Arabic", "Libyan")),
            need("Arabic", "Libyan", 2), need("Arabic", "Yemeni", 2, also: ("Arabic", "Gulf")),
            need("Arabic", "Moroccan", 2, scarce: true, also: ("French", nil)), need("Kurdish", "Sorani", 7, scarce: true, also: ("Arabic", "Iraqi")),
            need("Kurdish", "Kurmanji", 3, scarce: true, also: ("Turkish", nil)), need("Kurdish", "Badini", 2, scarce: true, also: ("Arabic", "Iraqi")),
            need("Farsi", nil, 9, also: ("Dari", nil)), need("Dari", nil, 5, also: ("Farsi", nil)), need("Pashto", nil, 7, also: ("Dari", nil)),
            need("Tigrinya", nil, 8, also: ("Amharic", nil)), need("Amharic", nil, 3, also: ("Tigrinya", nil)), need("Oromo", nil, 1.5, also: ("Amharic", nil)),
            need("Albanian", "Gheg", 6, also: ("Albanian", "Tosk")), need("Albanian", "Tosk", 2, also: ("Albanian", "Gheg")),
            need("Urdu", nil, 5, also: ("Punjabi", nil)), need("Punjabi", nil, 2, also: ("Urdu", nil)), need("Bengali", nil, 4, scarce: true, also: ("Sylheti", nil)),
            need("Sylheti", nil, 2, scarce: true, also: ("Bengali", nil)), need("Vietnamese", nil, 5, scarce: true), need("Tagalog", nil, 1, scarce: true),
            need("Georgian", nil, 1.5, scarce: true, also: ("Russian", nil)), need("Turkish", nil, 3, also: ("Kurdish", "Kurmanji")),
            need("Somali", "Maxaa", 2), need("Somali", "Maay", 0.7, also: ("Somali", "Maxaa")), need("French", nil, 2), need("Portuguese", "Brazilian", 1),
            need("Spanish", nil, 1), need("Russian", nil, 1.5, also: ("Ukrainian", nil)), need("Ukrainian", nil, 1, also: ("Russian", nil)),
            need("Mandarin", nil, 2), need("Cantonese", nil, 0.7, also: ("Mandarin", nil)), need("Tamil", nil, 2), need("Sinhala", nil, 1),
            need("Hindi", nil, 3, also: ("Urdu", nil)), need("Gujarati", nil, 0.8), need("Nepali", nil, 0.8), need("Swahili", nil, 1),
            need("Lingala", nil, 0.8, also: ("French", nil)), need("Twi", "Asante", 0.6), need("Yoruba", nil, 1), need("Igbo", nil, 0.8),
            need("Hausa", nil, 0.6), need("Romanian", nil, 0.8), need("Krio", nil, 0.5), need("Shona", nil, 0.6), need("Uzbek", nil, 0.5),
            need("Hazaragi", nil, 1, also: ("Dari", nil)), need("Baluchi", nil, 0.5), need("Malayalam", nil, 0.6), need("Burmese", nil, 0.5),
            need("Chechen", nil, 0.3, also: ("Russian", nil)), need("Azerbaijani", "North", 0.4), need("Armenian", "Eastern", 0.3, also: ("Russian", nil)),
            need("Fula", "Pulaar", 0.4, also: ("French", nil)), need("Nuer", nil, 0.3), need("Edo", nil, 0.3), need("Arabic", "Gulf", 0.4),
        ]
    }()

    /// Operations whose decision makers interview (fig 6), and the general work in progress.
    static let cohorts = ["AMESA", "BRIDORA", "MAKHU"]

    /// Slot patterns of a room's day: (start, minutes). Standard two-hour interviews with time to write up; a double
    /// slot and a long one for complex claims and children; short slots for targeted nationality and concise
    /// interviews; a children's room.
    static let roomDays: [(share: Double, childSuitable: Bool, slots: [(Int, Int)])] = [
        (0.48, false, [(9 * 60, 135), (11 * 60 + 30, 135), (14 * 60 + 15, 135)]),
        (0.14, false, [(9 * 60, 255), (14 * 60, 165)]),
        (0.26, false, [(9 * 60, 75), (10 * 60 + 30, 75), (12 * 60, 75), (14 * 60, 75), (15 * 60 + 30, 75)]),
        (0.12, true, [(9 * 60 + 30, 165), (13 * 60 + 30, 165)]),
    ]

    /// Generates the instance.
    public func generate() -> ScheduleInstance {
        var random = GeneratorDraw(seed: seed)
        let places = Array(ScheduleInstanceGenerator.places.prefix(max(1, locations)))
        let totalWeight = places.reduce(0) { $0 + $1.weight }

        // Locations, mostly open all week; a few close one day.
        var scheduleLocations: [ScheduleLocation] = []
        for (index, place) in places.enumerated() {
            var open = week
            if random.chance(0.1), open.count > 1 { open.remove(at: random.below(open.count)) }
            scheduleLocations.append(ScheduleLocation(id: "LOC\(pad(index + 1, 2))", name: place.name, latitude: place.latitude, longitude: place.longitude, openDays: open))
        }

        // Rooms and slots, shared between locations by weight.
        var rooms: [ScheduleRoom] = []
        var scheduleSlots: [ScheduleSlot] = []
        for (index, place) in places.enumerated() {
            let location = scheduleLocations[index]
            var quota = Int((Double(slots) * place.weight / totalWeight).rounded())
            var roomNumber = 0
            while quota > 0 {
                roomNumber += 1
                var draw = random.unit(), pattern = ScheduleInstanceGenerator.roomDays[0]
                for candidate in ScheduleInstanceGenerator.roomDays {
                    if draw < candidate.share {
                        pattern = candidate
                        break
                    }
                    draw -= candidate.share
                }
                // Every location has a room for children and one for complex claims.
                if roomNumber == 1 { pattern = ScheduleInstanceGenerator.roomDays[3] }
                if roomNumber == 2 { pattern = ScheduleInstanceGenerator.roomDays[1] }
                let room = ScheduleRoom(
                    id: "\(location.id)-R\(pad(roomNumber, 2))", location: location.id,
                    childSuitable: pattern.childSuitable || random.chance(0.1), stepFree: random.chance(0.75)
                )
                rooms.append(room)
                for date in location.openDays where quota > 0 {
                    for (start, minutes) in pattern.slots where quota > 0 {
                        scheduleSlots.append(ScheduleSlot(id: "", room: room.id, date: date, start: ScheduleTime(minuteOfDay: start)!, minutes: minutes))
                        quota -= 1
                    }
                }
            }
        }
        let slotWidth = max(5, String(scheduleSlots.count).count)
        for index in scheduleSlots.indices { scheduleSlots[index].id = "S\(pad(index + 1, slotWidth))" }

        // Interpreters: each pair gets a share of interpreters by demand, scarce pairs far fewer than they need.
        let needs = ScheduleInstanceGenerator.languageNeeds
        let supplyWeights = needs.map { $0.demand * ($0.scarce ? 0.4 : 1.1) }
        let supplyTotal = supplyWeights.reduce(0, +)
        var perPair = supplyWeights.map { max(1, Int((Double(interpreters) * $0 / supplyTotal).rounded())) }
        while perPair.reduce(0, +) > interpreters, let largest = perPair.indices.max(by: { perPair[$0] < perPair[$1] }), perPair[largest] > 1 {
            perPair[largest] -= 1
        }
        while perPair.reduce(0, +) < interpreters, let largest = perPair.indices.max(by: { perPair[$0] < perPair[$1] }) { perPair[largest] += 1 }
        var scheduleInterpreters: [ScheduleInterpreter] = []
        let interpreterWidth = max(3, String(interpreters).count)
        for (pair, count) in perPair.enumerated() {
            for _ in 0..<count where scheduleInterpreters.count < interpreters {
                var languages = [needs[pair].language]
                if let also = needs[pair].alsoSpoken, random.chance(0.3) { languages.append(also) }
                let home = weightedPlace(places, &random)
                var attends = [scheduleLocations[home].id]
                for (index, place) in places.enumerated() where index != home && attends.count < 3 {
                    let km = ScheduleGeography.kilometres(
                        latitude: places[home].latitude, longitude: places[home].longitude, toLatitude: place.latitude, longitude: place.longitude
                    )
                    if km < 60, random.chance(0.5) { attends.append(scheduleLocations[index].id) }
                }
                // Three days a week on average, two interviews a day: interpreter requests outrun supply (10.52).
                let days = week.filter { _ in random.chance(0.6) }
                let daily = random.chance(0.1) ? 1 : random.chance(0.8) ? 2 : 3
                scheduleInterpreters.append(
                    ScheduleInterpreter(
                        id: "INT\(pad(scheduleInterpreters.count + 1, interpreterWidth))", languages: languages, locations: attends,
                        remote: random.chance(0.2), days: days.isEmpty ? [week[random.below(week.count)]] : days, dailyMaximum: daily
                    )
                )
            }
        }

        // Decision makers, by location weight; most work the general work in progress and one operation.
        var scheduleDecisionMakers: [ScheduleDecisionMaker] = []
        let decisionMakerWidth = max(4, String(decisionMakers).count)
        for index in 0..<decisionMakers {
            let location = weightedPlace(places, &random)
            var cohorts = random.chance(0.85) ? [ScheduleClaim.generalCohort] : []
            for cohort in ScheduleInstanceGenerator.cohorts where random.chance(0.3) { cohorts.append(cohort) }
            if cohorts.isEmpty { cohorts = [random.pick(ScheduleInstanceGenerator.cohorts)] }
            let days = week.filter { _ in random.chance(0.45) }
            scheduleDecisionMakers.append(
                ScheduleDecisionMaker(
                    id: "DM\(pad(index + 1, decisionMakerWidth))", location: scheduleLocations[location].id, cohorts: cohorts,
                    childrenTrained: random.chance(0.15), days: days.isEmpty ? [week[random.below(week.count)]] : days, dailyMaximum: random.chance(0.8) ? 1 : 2
                )
            )
        }

        // Claims: near a dispersal area (a few far from any location), with a language by demand.
        let demandTotal = needs.reduce(0) { $0 + $1.demand }
        let outlying = ScheduleInstanceGenerator.outlyingPlaces
        var scheduleClaims: [ScheduleClaim] = []
        for index in 0..<claims {
            let home = random.chance(0.02) ? outlying[random.below(outlying.count)] : places[weightedPlace(places, &random)]
            let spread = random.chance(0.1) ? 60.0 : 25.0
            let (latitude, longitude) = offset(home, km: spread * random.unit().squareRoot(), bearing: random.unit() * 2 * Double.pi)
            var language: ScheduleLanguage?
            if random.chance(0.003) {
                language = ScheduleLanguage("Tigre")
            } else if !random.chance(0.12) {
                var draw = random.unit() * demandTotal
                var chosen = needs[needs.count - 1].language
                for need in needs {
                    if draw < need.demand {
                        chosen = need.language
                        break
                    }
                    draw -= need.demand
                }
                if chosen.language == "Arabic", random.chance(0.1) { chosen.dialect = nil }
                language = chosen
            }
            let child = random.chance(0.06)
            let kindDraw = random.unit()
            let kind: InterviewKind = kindDraw < 0.55 ? .substantive : kindDraw < 0.63 ? .complexSubstantive : kindDraw < 0.8 ? .targetedNationality : .concise
            let priorityDraw = random.unit()
            let priority = priorityDraw < 0.05 ? 1 : priorityDraw < 0.15 ? 2 : priorityDraw < 0.35 ? 3 : priorityDraw < 0.65 ? 4 : 5
            let cohortDraw = random.unit()
            let cohort: String? = cohortDraw < 0.3 ? nil : cohortDraw < 0.5 ? "AMESA" : cohortDraw < 0.65 ? "BRIDORA" : "MAKHU"
            let travel = child ? random.pick([40.0, 50, 60]) : random.pick([40.0, 60, 80, 80, 100, 120, 150])
            var notBefore: LocalDate?
            if random.chance(0.03) { notBefore = week[random.below(week.count)] }
            if random.chance(0.003) { notBefore = week[week.count - 1].adding(days: 7) }
            scheduleClaims.append(
                ScheduleClaim(
                    reference: "CW-\(2022 + random.below(3))-\(pad(index + 1, 6))", priority: priority, cohort: cohort, kind: kind, child: child,
                    responsibleAdult: child && random.chance(0.93), language: language, latitude: latitude, longitude: longitude,
                    maximumTravelKm: travel, needsStepFree: random.chance(0.04), notBefore: notBefore
                )
            )
        }

        return ScheduleInstance(
            week: week, earliestDate: week[0], manifestShare: manifestShare, policy: SchedulePolicy(InterviewPolicy.current),
            locations: scheduleLocations, rooms: rooms, slots: scheduleSlots, interpreters: scheduleInterpreters,
            decisionMakers: scheduleDecisionMakers, claims: scheduleClaims
        )
    }

    private func weightedPlace(_ places: [Place], _ random: inout GeneratorDraw) -> Int {
        let total = places.reduce(0) { $0 + $1.weight }
        var draw = random.unit() * total
        for (index, place) in places.enumerated() {
            if draw < place.weight { return index }
            draw -= place.weight
        }
        return places.count - 1
    }

    /// The point `km` from `place` on `bearing` (radians from north), rounded to about 100 m.
    private func offset(_ place: Place, km: Double, bearing: Double) -> (Double, Double) {
        let latitude = place.latitude + km / 111.2 * cos(bearing)
        let longitude = place.longitude + km / (111.2 * cos(place.latitude * Double.pi / 180)) * sin(bearing)
        return ((latitude * 1000).rounded() / 1000, (longitude * 1000).rounded() / 1000)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Draws from `SeededRandom` with arithmetic of its own rather than the standard library's `random(in:)`, whose
/// algorithms may change between toolchains: the same seed gives the same instance everywhere.
struct GeneratorDraw {
    private var source: SeededRandom

    init(seed: UInt64) { source = SeededRandom(seed: seed) }

    /// A value in [0, 1).
    mutating func unit() -> Double { Double(source.next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A value in 0..<n (n > 0).
    mutating func below(_ n: Int) -> Int { Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: source.next()).high) }

    /// One element of a non-empty array.
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}
