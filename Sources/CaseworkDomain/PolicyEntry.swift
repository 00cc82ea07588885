/// One entry of a list kept as policy data: a stable code, its words, and the report paragraph it comes from (the
/// Operating Mandate's checks, feedback themes).
public struct PolicyEntry: Codable, Sendable, Hashable {
    public var code: String
    public var title: String
    public var source: String

    public init(code: String, title: String, source: String) {
        self.code = code
        self.title = title
        self.source = source
    }
}
