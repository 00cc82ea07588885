/// Towns and cities of the UK with their coordinates, so a booker can say where a claimant lives ("Stockton-on-Tees")
/// and the platform can find the nearest interview location without a postcode service. Coordinates are the town
/// centre, to about a kilometre (from the Ordnance Survey's gazetteer positions as published on the towns' Wikipedia
/// pages); the distance rule needs no finer.
public enum UKPlaces {
    public struct Place: Sendable, Hashable {
        public let name: String
        public let point: GeoPoint
    }

    /// Every place, by name.
    public static let all: [Place] = [
        ("Aberdeen", 57.149, -2.094), ("Barnsley", 53.553, -1.482), ("Belfast", 54.597, -5.930), ("Birmingham", 52.486, -1.890),
        ("Blackburn", 53.748, -2.482), ("Bolton", 53.578, -2.429), ("Bournemouth", 50.720, -1.880), ("Bradford", 53.795, -1.759),
        ("Brighton", 50.822, -0.137), ("Bristol", 51.454, -2.588), ("Cambridge", 52.205, 0.122), ("Cardiff", 51.481, -3.179),
        ("Carlisle", 54.893, -2.933), ("Coventry", 52.406, -1.512), ("Croydon", 51.372, -0.099), ("Derby", 52.922, -1.477),
        ("Doncaster", 53.523, -1.128), ("Dundee", 56.462, -2.971), ("Edinburgh", 55.953, -3.189), ("Exeter", 50.718, -3.534),
        ("Glasgow", 55.864, -4.252), ("Gloucester", 51.864, -2.244), ("Huddersfield", 53.646, -1.785), ("Hull", 53.745, -0.337),
        ("Ipswich", 52.057, 1.148), ("Leeds", 53.801, -1.549), ("Leicester", 52.637, -1.140), ("Lincoln", 53.234, -0.538),
        ("Liverpool", 53.408, -2.992), ("London (Central)", 51.507, -0.128), ("London (East)", 51.538, 0.005),
        ("London (North)", 51.588, -0.106), ("London (West)", 51.509, -0.336), ("Luton", 51.879, -0.417), ("Manchester", 53.481, -2.243),
        ("Middlesbrough", 54.574, -1.235), ("Milton Keynes", 52.041, -0.759), ("Newcastle upon Tyne", 54.978, -1.618),
        ("Newport", 51.588, -2.998), ("Northampton", 52.240, -0.902), ("Norwich", 52.630, 1.297), ("Nottingham", 52.954, -1.158),
        ("Oldham", 53.541, -2.118), ("Oxford", 51.752, -1.258), ("Peterborough", 52.573, -0.241), ("Plymouth", 50.376, -4.143),
        ("Portsmouth", 50.805, -1.087), ("Preston", 53.763, -2.703), ("Reading", 51.455, -0.978), ("Rochdale", 53.616, -2.155),
        ("Rotherham", 53.430, -1.357), ("Salford", 53.488, -2.291), ("Sheffield", 53.381, -1.470), ("Solihull", 52.411, -1.778),
        ("Southampton", 50.909, -1.404), ("Stockport", 53.409, -2.149), ("Stockton-on-Tees", 54.570, -1.318),
        ("Stoke-on-Trent", 53.003, -2.179), ("Sunderland", 54.906, -1.381), ("Swansea", 51.621, -3.944), ("Swindon", 51.558, -1.782),
        ("Wakefield", 53.683, -1.499), ("Walsall", 52.586, -1.982), ("Wigan", 53.545, -2.632), ("Wolverhampton", 52.587, -2.129),
        ("Wrexham", 53.046, -2.993), ("York", 53.960, -1.082),
    ].map { Place(name: $0.0, point: GeoPoint(latitude: $0.1, longitude: $0.2)!) }

    /// The place called `name` (case and surrounding spaces ignored).
    public static func place(named name: String) -> Place? {
        let wanted = name.trimmingWhitespace.lowercased()
        return all.first { $0.name.lowercased() == wanted }
    }
}
