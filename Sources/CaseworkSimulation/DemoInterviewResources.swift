import CaseworkDomain
import CaseworkStore

/// The interview estate a demo database is given, and decision makers' declared days for the next two weeks, so the
/// estate, availability, booking and scheduling pages have real pieces to fit together (8.66–8.81).
///
/// Everything is written through the store's own functions, as a planner and as each decision maker, so every record
/// has its `resource_changes` history and audit entry like one typed into the pages.
///
/// - Locations: the asylum interview centres near the decision-making units (Croydon, Glasgow, Cardiff, Belfast,
///   Liverpool, Leeds, Solihull, Manchester, Sheffield, Newcastle, Stoke-on-Trent) at their real coordinates, most
///   open Monday to Friday, a few fewer days.
/// - Rooms, in four patterns: two 135-minute slots a day (a two-hour substantive interview with time to settle and
///   close); one long 270-minute slot for a complex claim's double interview; short 60-minute slots for targeted
///   nationality and concise interviews; and child-suitable rooms with 165-minute slots (two hours with breaks).
/// - Interpreters across the languages claimants need, with those 10.50–10.51 names in short supply (Kurdish Sorani,
///   Kurmanji and Badini, Vietnamese, Tagalog, Georgian, Bengali and Sylheti, Moroccan Arabic) held by one or two
///   interpreters each, most of them working remotely.
/// - Declared availability: each decision maker trained to interview declares about three days in five of the next
///   ten working days at their unit's centre (all ten for the demo decision maker), skipping days they are away.
public enum DemoInterviewResources {
    /// A room's weekly pattern.
    public enum Pattern: Sendable {
        /// Two 135-minute slots a day, 09:30 and 13:15.
        case standard
        /// One 270-minute slot a day from 09:30, for a complex claim's double interview.
        case double
        /// Six 60-minute slots a day, for targeted nationality and concise interviews.
        case short
        /// Child-suitable: two 165-minute slots a day, 09:30 and 13:30.
        case child

        /// The slots on one day.
        func slots(on day: Weekday) -> [RoomSlot] {
            switch self {
            case .standard: [RoomSlot(weekday: day, start: 9 * 60 + 30, minutes: 135), RoomSlot(weekday: day, start: 13 * 60 + 15, minutes: 135)]
            case .double: [RoomSlot(weekday: day, start: 9 * 60 + 30, minutes: 270)]
            case .short: [9 * 60, 10 * 60 + 15, 11 * 60 + 30, 13 * 60 + 30, 14 * 60 + 45, 16 * 60].map { RoomSlot(weekday: day, start: $0, minutes: 60) }
            case .child: [RoomSlot(weekday: day, start: 9 * 60 + 30, minutes: 165), RoomSlot(weekday: day, start: 13 * 60 + 30, minutes: 165)]
            }
        }

        var roomName: String {
            switch self {
            case .standard: "Interview room"
            case .double: "Long interview room"
            case .short: "Short interview room"
            case .child: "Children's interview room"
            }
        }
    }

    /// A centre: its record and its rooms' patterns, in room-number order.
    public struct Centre: Sendable {
        public let code: String
        public let name: String
        public let address: String
        public let latitude: Double
        public let longitude: Double
        public let openDays: [Weekday]
        public let rooms: [Pattern]
        /// Rooms without step-free access, by room number.
        public let stepped: Set<Int>
    }

    static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// The centres, with city-centre coordinates where the building is not named.
    public static let centres: [Centre] = [
        Centre(code: "CROYDON", name: "Lunar House, Croydon", address: "40 Wellesley Road\nCroydon CR9 2BY", latitude: 51.3759, longitude: -0.0958,
               openDays: weekdays, rooms: [.standard, .standard, .standard, .double, .short, .child], stepped: []),
        Centre(code: "GLASGOW", name: "Festival Court, Glasgow", address: "200 Brand Street\nGlasgow G51 1DH", latitude: 55.8555, longitude: -4.3003,
               openDays: weekdays, rooms: [.standard, .standard, .child, .short], stepped: [4]),
        Centre(code: "CARDIFF", name: "Cardiff interview centre", address: "Cardiff city centre\nCardiff CF10", latitude: 51.4816, longitude: -3.1791,
               openDays: [.monday, .tuesday, .wednesday, .thursday], rooms: [.standard, .standard, .double], stepped: []),
        Centre(code: "BELFAST", name: "Drumkeen House, Belfast", address: "Upper Galwally\nBelfast BT8 6TB", latitude: 54.5663, longitude: -5.9195,
               openDays: [.tuesday, .wednesday, .thursday], rooms: [.standard, .short], stepped: [2]),
        Centre(code: "LIVERPOOL", name: "Reliance House, Liverpool", address: "20 Water Street\nLiverpool L2 8XU", latitude: 53.4066, longitude: -2.9925,
               openDays: weekdays, rooms: [.standard, .standard, .standard, .double, .child, .short], stepped: []),
        Centre(code: "LEEDS", name: "Leeds interview centre", address: "Leeds city centre\nLeeds LS1", latitude: 53.7960, longitude: -1.5479,
               openDays: weekdays, rooms: [.standard, .standard, .short], stepped: [3]),
        Centre(code: "SOLIHULL", name: "Dominion Court, Solihull", address: "41 Station Road\nSolihull B91 3RT", latitude: 52.4130, longitude: -1.7780,
               openDays: weekdays, rooms: [.standard, .standard, .double, .child], stepped: []),
        Centre(code: "MANCHESTER", name: "Manchester interview centre", address: "Manchester city centre\nManchester M1", latitude: 53.4794, longitude: -2.2453,
               openDays: weekdays, rooms: [.standard, .standard, .short], stepped: []),
        Centre(code: "SHEFFIELD", name: "Vulcan House, Sheffield", address: "6 Millsands\nSheffield S3 8NU", latitude: 53.3862, longitude: -1.4701,
               openDays: [.monday, .tuesday, .wednesday, .thursday], rooms: [.standard, .double], stepped: []),
        Centre(code: "NEWCASTLE", name: "Newcastle interview centre", address: "Newcastle city centre\nNewcastle upon Tyne NE1", latitude: 54.9738, longitude: -1.6132,
               openDays: [.tuesday, .wednesday, .thursday], rooms: [.standard, .short], stepped: [2]),
        Centre(code: "STOKE", name: "Stoke-on-Trent interview centre", address: "Hanley\nStoke-on-Trent ST1", latitude: 53.0246, longitude: -2.1766,
               openDays: [.monday, .tuesday, .wednesday], rooms: [.standard], stepped: []),
    ]

    /// Where each unit's decision makers interview; units not listed interview in Croydon.
    public static let centreOfUnit: [UnitID: String] = [
        "DMU-BEL": "BELFAST", "DMU-CDF": "CARDIFF", "DMU-DUR": "NEWCASTLE", "DMU-GLA": "GLASGOW", "DMU-LEE": "LEEDS", "DMU-LIV1": "LIVERPOOL",
        "DMU-LIV2": "LIVERPOOL", "DMU-BTL": "LIVERPOOL", "CHILD-HUB-N": "LIVERPOOL", "DMU-MAN": "MANCHESTER", "DMU-NCL": "NEWCASTLE", "DMU-SHE": "SHEFFIELD",
        "DMU-SOL1": "SOLIHULL", "DMU-SOL2": "SOLIHULL", "DMU-STK": "STOKE", "DMU-DAC": "CROYDON", "DMU-NSA": "CROYDON", "CHILD-HUB-S": "CROYDON",
    ]

    /// An interpreter: name, languages as typed ("Kurdish (Sorani)"), centres attended, remote, days, most a day.
    struct Register: Sendable {
        let name: String
        let languages: [String]
        let centres: [String]
        let remote: Bool
        let days: [Weekday]
        let dailyMaximum: Int
    }

    static let monToWed: [Weekday] = [.monday, .tuesday, .wednesday]
    static let tueToThu: [Weekday] = [.tuesday, .wednesday, .thursday]
    static let monWedFri: [Weekday] = [.monday, .wednesday, .friday]

    /// The register: common languages several deep, the short-supply ones (10.50–10.51) one or two deep.
    static let register: [Register] = [
        // Arabic and its dialects.
        Register(name: "Amal Osman", languages: ["Arabic (Sudanese)", "Arabic"], centres: ["CROYDON"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Hassan Idris", languages: ["Arabic (Sudanese)"], centres: ["LIVERPOOL", "MANCHESTER"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Mohamed Elamin", languages: ["Arabic (Sudanese)", "Arabic (Egyptian)"], centres: ["SOLIHULL"], remote: true, days: monToWed, dailyMaximum: 2),
        Register(name: "Nadia Babiker", languages: ["Arabic (Sudanese)"], centres: ["GLASGOW"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Omar Al-Jabouri", languages: ["Arabic (Iraqi)", "Arabic"], centres: ["LEEDS", "SHEFFIELD"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Zainab Hussein", languages: ["Arabic (Iraqi)"], centres: ["CROYDON"], remote: true, days: tueToThu, dailyMaximum: 2),
        Register(name: "Ali Kareem", languages: ["Arabic (Iraqi)"], centres: ["LIVERPOOL"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Rania Haddad", languages: ["Arabic (Levantine)", "French"], centres: ["CROYDON"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Samer Khoury", languages: ["Arabic (Levantine)"], centres: ["SOLIHULL", "STOKE"], remote: false, days: monWedFri, dailyMaximum: 2),
        Register(name: "Lina Darwish", languages: ["Arabic (Levantine)"], centres: ["GLASGOW"], remote: true, days: weekdays, dailyMaximum: 3),
        Register(name: "Youssef Mansour", languages: ["Arabic (Egyptian)"], centres: ["MANCHESTER"], remote: false, days: weekdays, dailyMaximum: 2),
        // Farsi, Dari, Pashto.
        Register(name: "Parisa Rahimi", languages: ["Farsi", "Dari"], centres: ["CROYDON"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Reza Tehrani", languages: ["Farsi"], centres: ["LIVERPOOL", "MANCHESTER"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Shirin Moradi", languages: ["Farsi", "Kurdish (Sorani)"], centres: ["GLASGOW"], remote: true, days: monToWed, dailyMaximum: 2),
        Register(name: "Dariush Karimi", languages: ["Farsi"], centres: ["LEEDS"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Mina Azadi", languages: ["Farsi"], centres: ["SOLIHULL"], remote: false, days: weekdays, dailyMaximum: 3),
        Register(name: "Ahmad Wardak", languages: ["Pashto", "Dari"], centres: ["CROYDON"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Gul Ahmadzai", languages: ["Pashto"], centres: ["LIVERPOOL"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Naveed Shinwari", languages: ["Pashto", "Urdu"], centres: ["MANCHESTER", "LEEDS"], remote: false, days: tueToThu, dailyMaximum: 2),
        Register(name: "Farida Popal", languages: ["Pashto", "Dari"], centres: ["SOLIHULL"], remote: true, days: weekdays, dailyMaximum: 2),
        Register(name: "Hamid Sultani", languages: ["Dari"], centres: ["GLASGOW"], remote: false, days: weekdays, dailyMaximum: 2),
        // Horn of Africa.
        Register(name: "Selam Tesfay", languages: ["Tigrinya", "Amharic"], centres: ["CROYDON"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Yonas Haile", languages: ["Tigrinya"], centres: ["LIVERPOOL", "MANCHESTER"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Ruth Gebremedhin", languages: ["Tigrinya"], centres: ["GLASGOW"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Samuel Kidane", languages: ["Tigrinya", "Amharic"], centres: ["SOLIHULL", "CARDIFF"], remote: true, days: monToWed, dailyMaximum: 2),
        Register(name: "Hiwet Berhane", languages: ["Tigrinya"], centres: ["LEEDS", "SHEFFIELD"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Abebe Tadesse", languages: ["Amharic", "Oromo"], centres: ["CROYDON"], remote: false, days: tueToThu, dailyMaximum: 2),
        Register(name: "Chaltu Gemechu", languages: ["Oromo"], centres: ["LIVERPOOL"], remote: true, days: weekdays, dailyMaximum: 2),
        Register(name: "Hodan Warsame", languages: ["Somali"], centres: ["CARDIFF", "CROYDON"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Abdi Farah", languages: ["Somali"], centres: ["LIVERPOOL"], remote: false, days: monWedFri, dailyMaximum: 2),
        // Europe and Turkey.
        Register(name: "Arben Hoxha", languages: ["Albanian"], centres: ["CROYDON"], remote: false, days: weekdays, dailyMaximum: 3),
        Register(name: "Elira Kola", languages: ["Albanian"], centres: ["SOLIHULL", "STOKE"], remote: false, days: weekdays, dailyMaximum: 3),
        Register(name: "Besnik Gashi", languages: ["Albanian"], centres: ["LIVERPOOL", "MANCHESTER"], remote: false, days: weekdays, dailyMaximum: 3),
        Register(name: "Drita Berisha", languages: ["Albanian"], centres: ["GLASGOW", "NEWCASTLE"], remote: true, days: weekdays, dailyMaximum: 2),
        Register(name: "Mehmet Yildiz", languages: ["Turkish", "Kurdish (Kurmanji)"], centres: ["CROYDON"], remote: true, days: weekdays, dailyMaximum: 2),
        Register(name: "Ayse Demir", languages: ["Turkish"], centres: ["LEEDS"], remote: false, days: tueToThu, dailyMaximum: 2),
        Register(name: "Claire Mbala", languages: ["French", "Lingala"], centres: ["CROYDON", "SOLIHULL"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Olena Kovalenko", languages: ["Ukrainian", "Russian"], centres: ["CARDIFF"], remote: true, days: weekdays, dailyMaximum: 2),
        // South Asia.
        Register(name: "Imran Qureshi", languages: ["Urdu", "Punjabi"], centres: ["MANCHESTER", "LEEDS"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Sana Malik", languages: ["Urdu", "Hindi"], centres: ["CROYDON"], remote: false, days: weekdays, dailyMaximum: 2),
        Register(name: "Harpreet Gill", languages: ["Punjabi", "Hindi"], centres: ["SOLIHULL"], remote: false, days: monToWed, dailyMaximum: 2),
        Register(name: "Tamil Selvan", languages: ["Tamil"], centres: ["CROYDON"], remote: true, days: weekdays, dailyMaximum: 2),
        // Short supply (10.50–10.51): one or two each, mostly remote.
        Register(name: "Shilan Ahmed", languages: ["Kurdish (Sorani)", "Arabic (Iraqi)"], centres: ["LIVERPOOL"], remote: true, days: weekdays, dailyMaximum: 2),
        Register(name: "Rebin Mahmoud", languages: ["Kurdish (Badini)", "Kurdish (Kurmanji)"], centres: [], remote: true, days: tueToThu, dailyMaximum: 2),
        Register(name: "Nguyen Thi Lan", languages: ["Vietnamese"], centres: ["CROYDON"], remote: true, days: weekdays, dailyMaximum: 2),
        Register(name: "Tran Van Minh", languages: ["Vietnamese"], centres: [], remote: true, days: monToWed, dailyMaximum: 2),
        Register(name: "Maria Santos", languages: ["Tagalog"], centres: [], remote: true, days: tueToThu, dailyMaximum: 2),
        Register(name: "Nino Beridze", languages: ["Georgian", "Russian"], centres: [], remote: true, days: monWedFri, dailyMaximum: 2),
        Register(name: "Rahima Begum", languages: ["Bengali", "Sylheti"], centres: ["CROYDON"], remote: true, days: weekdays, dailyMaximum: 2),
        Register(name: "Karim Benali", languages: ["Arabic (Moroccan)", "French"], centres: [], remote: true, days: tueToThu, dailyMaximum: 2),
    ]

    /// What was written.
    public struct Summary: Sendable, CustomStringConvertible {
        public var locations = 0
        public var rooms = 0
        public var slotsPerWeek = 0
        public var interpreters = 0
        public var declaredDays = 0
        public var declarers = 0

        public var description: String {
            "Interview estate: \(locations) locations, \(rooms) rooms with \(slotsPerWeek) slots a week, \(interpreters) interpreters; \(declaredDays) days declared by \(declarers) decision makers."
        }
    }

    /// Writes the estate as `keeper` (one of `AccessPolicy.interviewResourceKeepers`), then each decision maker's declared
    /// days as themselves, for the ten working days after `today`. Records that already exist are left as they are.
    @discardableResult
    public static func seed(in store: CaseworkStore, by keeper: Actor, today: LocalDate, demoDecisionMaker: StaffID = "demo.dm", seed: UInt64 = 2023) async throws -> Summary {
        var summary = Summary()
        let reason = "Demo interview estate"
        let existingLocations = Set(try await store.interviewLocations(includeInactive: true).map(\.code))
        let existingRooms = Set(try await store.interviewRooms(includeInactive: true).map(\.code))
        for centre in centres {
            if !existingLocations.contains(centre.code) {
                try await store.createInterviewLocation(
                    InterviewLocationInput(
                        code: centre.code, name: centre.name, address: centre.address, latitude: String(centre.latitude), longitude: String(centre.longitude),
                        openDays: centre.openDays.map(\.name)
                    ),
                    by: keeper, reason: reason
                )
                summary.locations += 1
            }
            for (index, pattern) in centre.rooms.enumerated() {
                let code = "\(centre.code)-\(index + 1)"
                guard !existingRooms.contains(code) else { continue }
                let slots = centre.openDays.flatMap(pattern.slots(on:))
                try await store.createInterviewRoom(
                    InterviewRoomInput(
                        code: code, location: centre.code, name: "\(pattern.roomName) \(index + 1)", childSuitable: pattern == .child,
                        stepFree: !centre.stepped.contains(index + 1), weeklySlots: slots.map(RoomSlotInput.init)
                    ),
                    by: keeper, reason: reason
                )
                summary.rooms += 1
                summary.slotsPerWeek += slots.count
            }
        }
        let existingInterpreters = Set(try await store.interpreters(includeInactive: true).map(\.code))
        for (index, entry) in register.enumerated() {
            let code = "INT-\(String(repeating: "0", count: max(0, 4 - String(index + 1).count)))\(index + 1)"
            guard !existingInterpreters.contains(code) else { continue }
            try await store.createInterpreter(
                InterpreterInput(
                    code: code, name: entry.name, languages: entry.languages.flatMap(InterpreterLanguageInput.lines), locations: entry.centres, remote: entry.remote,
                    days: entry.days.map(\.name), dailyMaximum: String(entry.dailyMaximum)
                ),
                by: keeper, reason: reason
            )
            summary.interpreters += 1
        }
        let declared = try await declareDays(in: store, today: today, demoDecisionMaker: demoDecisionMaker, seed: seed)
        summary.declaredDays = declared.days
        summary.declarers = declared.people
        return summary
    }

    /// Each active decision maker (technical specialist, senior caseworker) trained to interview declares, as
    /// themselves, about three in five of the next ten working days at their unit's centre; the demo decision maker
    /// declares all ten. Days they are away, and days the centre is closed, are left out.
    static func declareDays(in store: CaseworkStore, today: LocalDate, demoDecisionMaker: StaffID, seed: UInt64) async throws -> (days: Int, people: Int) {
        let calendar = WorkingDayCalendar.platformDefault
        var days: [LocalDate] = []
        var day = today
        while days.count < 10 {
            day = day.adding(days: 1)
            guard let working = try? calendar.isWorkingDay(day) else { break }
            if working { days.append(day) }
        }
        guard !days.isEmpty else { return (0, 0) }
        let centres = Dictionary(uniqueKeysWithValues: Self.centres.map { ($0.code, $0) })
        var random = SeededRandom(seed: seed ^ 0x1D7E_A7A1_1AB1)
        var total = 0, people = 0
        for unit in try await store.units() {
            let records = try await store.staffRecords(unit: unit.code, for: .system)
                .filter { $0.member.active && AccessPolicy.availabilityDeclarers.contains($0.member.role) && CaseworkStore.mayInterview($0.profile) }
            guard let centre = centres[centreOfUnit[unit.code] ?? "CROYDON"] else { continue }
            for record in records {
                let everyDay = record.member.username == demoDecisionMaker
                let chosen = days.filter { day in
                    centre.openDays.contains(day.weekday) && record.absence(on: day) == nil && (everyDay || Double(random.next() % 1_000) < 600)
                }
                guard !chosen.isEmpty else { continue }
                let actor = Actor(staff: record.member.username, role: record.member.role, unit: record.member.unit)
                let maximum = everyDay ? 2 : 1 + Int(random.next() % 2)
                let written = try await store.declareAvailability(
                    AvailabilityInput(dates: chosen.map(\.iso), location: centre.code, dailyMaximum: String(maximum)), by: actor, reason: "Demo: declared for the next two weeks"
                )
                total += written.count
                people += 1
            }
        }
        return (total, people)
    }
}
