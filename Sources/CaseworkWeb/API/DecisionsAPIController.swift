import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

/// A claim's decision through the API: the catalogue in force, the decision record and its service gates, drafting on a
/// template, completion (sampling decides at that moment, 10.8–10.11), the Operating Mandate checks, holds on service,
/// service through the gates, the screening interview, quality checks and appeals. Every change needs the claim version
/// the caller read (`expectedVersion` in the body or `If-Match`), like every other change to a claim; each writes one
/// event, and the response's `ETag` is the claim's new version.
///
/// - `GET  /api/v1/decision-templates` — templates (every version), refusal reasons, Operating Mandate checks, feedback
///   themes, and the sampling, quality and decision policies with their sources
/// - `GET  /api/v1/claims/{reference}/decision` — drafts, samples, checks, Operating Mandate record, holds, appeals, gates
/// - `GET  /api/v1/claims/{reference}/service-gates` — the gates as serving would read them now
/// - `POST /api/v1/claims/{reference}/decision-drafts`, `PUT …/{number}`, `POST …/{number}/complete`
/// - `POST /api/v1/claims/{reference}/operating-mandate-checks`
/// - `POST /api/v1/claims/{reference}/service-holds`, `POST …/{number}/lift`
/// - `POST /api/v1/claims/{reference}/decision-service` — 422 naming each closed gate as `gate.<gate>`
/// - `POST /api/v1/claims/{reference}/screening-interview`
/// - `POST /api/v1/claims/{reference}/quality-assessments`
/// - `POST /api/v1/claims/{reference}/appeals`, `POST …/{number}/hearing`, `POST …/{number}/determination`
struct DecisionsAPIController {
    typealias Context = CaseworkRequestContext
    let store: CaseworkStore

    /// Every operation, once: registered by `addRoutes`, compared with the OpenAPI document by a test.
    static let endpoints: [APIEndpoint<Self>] = [
        .get("/api/v1/decision-templates") { $0.catalogue },
        .get("/api/v1/claims/{reference}/decision") { $0.decision },
        .get("/api/v1/claims/{reference}/service-gates") { $0.gates },
        .post("/api/v1/claims/{reference}/decision-drafts") { $0.startDraft },
        .put("/api/v1/claims/{reference}/decision-drafts/{number}") { $0.changeDraft },
        .post("/api/v1/claims/{reference}/decision-drafts/{number}/complete") { $0.complete },
        .post("/api/v1/claims/{reference}/operating-mandate-checks") { $0.recordOperatingMandate },
        .post("/api/v1/claims/{reference}/service-holds") { $0.placeHold },
        .post("/api/v1/claims/{reference}/service-holds/{number}/lift") { $0.liftHold },
        .post("/api/v1/claims/{reference}/decision-service") { $0.serve },
        .post("/api/v1/claims/{reference}/screening-interview") { $0.recordScreening },
        .post("/api/v1/claims/{reference}/quality-assessments") { $0.assess },
        .post("/api/v1/claims/{reference}/appeals") { $0.lodgeAppeal },
        .post("/api/v1/claims/{reference}/appeals/{number}/hearing") { $0.hearAppeal },
        .post("/api/v1/claims/{reference}/appeals/{number}/determination") { $0.determineAppeal },
    ]

    /// The routes, in OpenAPI form.
    static var routes: [APIRoute] { endpoints.map(\.route) }

    func addRoutes(to group: RouterGroup<Context>) { group.add(Self.endpoints, of: self) }

    // MARK: Reading

    @Sendable func catalogue(_ request: Request, context: Context) async throws -> Response {
        _ = try context.requireIdentity()
        return try json(DecisionCatalogueDTO.current)
    }

    @Sendable func decision(_ request: Request, context: Context) async throws -> Response {
        let record = try await store.decisions(of: try APIRequestBody.reference(context), for: try context.requireIdentity().actor)
        var response = try json(ClaimDecisionsDTO(record))
        response.headers[.eTag] = "\"\(record.version)\""
        return response
    }

    @Sendable func gates(_ request: Request, context: Context) async throws -> Response {
        let gates = try await store.serviceGates(of: try APIRequestBody.reference(context), for: try context.requireIdentity().actor)
        return try json(ServiceGatesDTO(allOpen: ServiceGates.allOpen(gates), gates: gates))
    }

    // MARK: Drafting and completing

    @Sendable func startDraft(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: DecisionDraftInput.self)
        let draft = try await store.saveDecisionDraft(input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor)
        return try changed(draft, version: version, status: .created)
    }

    @Sendable func changeDraft(_ request: Request, context: Context) async throws -> Response {
        let number = try number(context, "Decisions")
        let (input, version) = try await body(request, context, as: DecisionDraftInput.self)
        let draft = try await store.saveDecisionDraft(
            input, draft: number, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(draft, version: version)
    }

    @Sendable func complete(_ request: Request, context: Context) async throws -> Response {
        let number = try number(context, "Decisions")
        let version = try await versionOnly(request, context)
        let completion = try await store.completeDecision(
            draft: number, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(completion, version: version)
    }

    // MARK: Gates and service

    @Sendable func recordOperatingMandate(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: OperatingMandateCheckInput.self)
        let check = try await store.recordOperatingMandateCheck(
            input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(check, version: version, status: .created)
    }

    private struct HoldInput: Decodable {
        var kind: String?
        var reason: String?
    }

    @Sendable func placeHold(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: HoldInput.self)
        let hold = try await store.placeServiceHold(
            kind: input.kind, reason: input.reason, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(hold, version: version, status: .created)
    }

    @Sendable func liftHold(_ request: Request, context: Context) async throws -> Response {
        let number = try number(context, "Holds")
        let (input, version) = try await body(request, context, as: HoldInput.self)
        let lift = try await store.liftServiceHold(
            number: number, reason: input.reason, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(lift, version: version)
    }

    @Sendable func serve(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: DecisionServiceInput.self)
        let service = try await store.serveDecision(input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor)
        return try changed(service, version: version)
    }

    // MARK: Screening, checks and appeals

    @Sendable func recordScreening(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: ScreeningInterviewInput.self)
        let screening = try await store.recordScreeningInterview(
            input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(screening, version: version)
    }

    @Sendable func assess(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: AssessmentBody.self)
        let assessment = try await store.recordQualityAssessment(
            input.input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(QualityAssessmentDTO(assessment), version: version, status: .created)
    }

    @Sendable func lodgeAppeal(_ request: Request, context: Context) async throws -> Response {
        let (input, version) = try await body(request, context, as: AppealInput.self)
        let appeal = try await store.lodgeAppeal(input, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor)
        return try changed(appeal, version: version, status: .created)
    }

    @Sendable func hearAppeal(_ request: Request, context: Context) async throws -> Response {
        let number = try number(context, "Appeals")
        let (input, version) = try await body(request, context, as: AppealInput.self)
        let hearing = try await store.recordAppealHearing(
            input, appeal: number, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(hearing, version: version)
    }

    @Sendable func determineAppeal(_ request: Request, context: Context) async throws -> Response {
        let number = try number(context, "Appeals")
        let (input, version) = try await body(request, context, as: AppealInput.self)
        let determination = try await store.determineAppeal(
            input, appeal: number, on: try APIRequestBody.reference(context), expectedVersion: version, by: try context.requireIdentity().actor
        )
        return try changed(determination, version: version)
    }

    // MARK: Helpers

    /// The version the caller read, from the body or `If-Match`.
    private struct Versioned: Decodable { var expectedVersion: Int? }

    /// Decodes the body as `T` and reads the version beside it.
    private func body<T: Decodable>(_ request: Request, _ context: Context, as type: T.Type) async throws -> (T, Int) {
        let data = try await APIRequestBody.data(request, context: context)
        let input = try APIRequestBody.decode(type, from: data)
        let version = try APIRequestBody.requiredVersion(try APIRequestBody.decode(Versioned.self, from: data).expectedVersion, request: request)
        return (input, version)
    }

    /// For a change with nothing but the version to say: `{"expectedVersion": N}`, or no body and `If-Match`.
    private func versionOnly(_ request: Request, _ context: Context) async throws -> Int {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return try APIRequestBody.requiredVersion(nil, request: request) }
        let versioned = try APIRequestBody.decode(Versioned.self, from: Data(buffer.readableBytesView))
        return try APIRequestBody.requiredVersion(versioned.expectedVersion, request: request)
    }

    private func number(_ context: Context, _ what: String) throws -> Int {
        guard let number = context.parameters.get("number").flatMap({ Int($0) }), number > 0 else { throw APIError.notFound("\(what) are numbered from 1.") }
        return number
    }

    /// The result of a change, with the claim's new version as its ETag: every change here writes exactly one event
    /// on the version the caller read, so the claim is now one version on.
    private func changed<T: Encodable>(_ value: T, version: Int, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try json(value, status: status)
        response.headers[.eTag] = "\"\(version + 1)\""
        return response
    }
}

/// A quality check as sent to the API: the scores may be whole numbers 1 to 5 or text ("DQ2", "2"), as the forms send.
struct AssessmentBody: Decodable {
    let input: QualityAssessmentInput

    private enum Keys: String, CodingKey {
        case work, subject, operatingMandate, casework, process, outcomeCorrect, feedback, themes, mode, depth, agreedWith, agreement
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        func score(_ key: Keys) throws -> String? {
            guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
            if let number = try? container.decode(Int.self, forKey: key) { return String(number) }
            do {
                return try container.decode(String.self, forKey: key)
            } catch DecodingError.typeMismatch(_, let context) {
                throw DecodingError.typeMismatch(Int.self, context)
            }
        }
        input = QualityAssessmentInput(
            work: try container.decodeIfPresent(String.self, forKey: .work), subject: try container.decodeIfPresent(Int.self, forKey: .subject),
            operatingMandate: try score(.operatingMandate), casework: try score(.casework), process: try score(.process),
            outcomeCorrect: try container.decodeIfPresent(Bool.self, forKey: .outcomeCorrect), feedback: try container.decodeIfPresent(String.self, forKey: .feedback),
            themes: try container.decodeIfPresent([String].self, forKey: .themes), mode: try container.decodeIfPresent(String.self, forKey: .mode),
            depth: try container.decodeIfPresent(String.self, forKey: .depth), agreedWith: try container.decodeIfPresent(String.self, forKey: .agreedWith),
            agreement: try container.decodeIfPresent(String.self, forKey: .agreement)
        )
    }
}

// MARK: Wire types

/// A quality check with its calculated score (the worse of casework and process, 10.30) and whether it lets a
/// decision go on to service.
struct QualityAssessmentDTO: Encodable {
    let assessment: QualityAssessment

    init(_ assessment: QualityAssessment) { self.assessment = assessment }

    private enum Keys: String, CodingKey { case calculated, passes }

    func encode(to encoder: any Encoder) throws {
        try assessment.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(assessment.scores.calculated, forKey: .calculated)
        try container.encode(assessment.passes, forKey: .passes)
    }
}

/// `GET /api/v1/claims/{reference}/decision`.
struct ClaimDecisionsDTO: Encodable {
    var claim: ClaimReference
    var version: Int
    var stage: Stage
    var drafts: [DecisionDraftRecord]
    /// The draft being worked on (draft, completed or returned), if any.
    var openDraft: Int?
    /// The served decision in force, if any.
    var servedDecision: Int?
    var samples: [SampleRecord]
    var assessments: [QualityAssessmentDTO]
    var operatingMandate: [OperatingMandateCheck]
    var holds: [ServiceHoldRecord]
    var appeals: [AppealState]
    var gates: [GateStatus]
    var allGatesOpen: Bool
    var templates: [DecisionTemplate]
    var completedInterviews: [InterviewKind]

    init(_ record: ClaimDecisions) {
        claim = record.claim
        version = record.version
        stage = record.stage
        drafts = record.drafts
        openDraft = record.openDraft?.draft.number
        servedDecision = record.servedDecision?.draft.number
        samples = record.samples
        assessments = record.assessments.map(QualityAssessmentDTO.init)
        operatingMandate = record.operatingMandate
        holds = record.holds
        appeals = record.appeals
        gates = record.gates
        allGatesOpen = ServiceGates.allOpen(record.gates)
        templates = record.templates
        completedInterviews = record.completedInterviews
    }
}

/// `GET /api/v1/claims/{reference}/service-gates`.
struct ServiceGatesDTO: Encodable {
    var allOpen: Bool
    var gates: [GateStatus]
}

/// `GET /api/v1/decision-templates`: the catalogue and policies in force, each figure with the paragraph it comes from.
struct DecisionCatalogueDTO: Encodable {
    struct ConventionReasonDTO: Encodable {
        var code: String
        var title: String
    }

    struct SamplingPolicyDTO: Encodable {
        var version: Int
        /// By kind of work.
        var randomRate: [String: Double]
        var minimumCheckIntervalDays: Int
        var checkAllBeforeSignOff: [SampledWork]
        var mandatory: [MandatoryCheck]
        /// Mixed into the random draw (FNV-1a and SplitMix64 over the work's identifier), so every draw can be recomputed.
        var seed: UInt64
        var sources: [String: String]
    }

    struct QualityPolicyDTO: Encodable {
        var worstSustainable: DQScore
        var worstHigh: DQScore
        var highScoreTarget: Double
        var preServiceTarget: Double
        var samplingTarget: Double
        var worstServable: DQScore
        var signOffDecisions: Int
        var checkWindowDays: Int
        var sources: [String: String]
    }

    struct DecisionPolicyDTO: Encodable {
        var supportEndsAfterGrantDays: Int
        var serviceRecordedLateDays: Int
        var sources: [String: String]
    }

    var templates: [DecisionTemplate]
    var refusalReasons: [RefusalReason]
    var conventionReasons: [ConventionReasonDTO]
    var operatingMandateChecks: [OperatingMandateCheckType]
    var feedbackThemes: [FeedbackTheme]
    var samplingPolicy: SamplingPolicyDTO
    var qualityPolicy: QualityPolicyDTO
    var decisionPolicy: DecisionPolicyDTO

    static var current: DecisionCatalogueDTO {
        let catalogue = DecisionTemplateCatalogue.current
        let sampling = SamplingPolicy.current
        let quality = QualityPolicy.current
        let decision = DecisionPolicy.current
        return DecisionCatalogueDTO(
            templates: catalogue.templates, refusalReasons: catalogue.refusalReasons,
            conventionReasons: ConventionReason.allCases.map { ConventionReasonDTO(code: $0.rawValue, title: $0.title) },
            operatingMandateChecks: OperatingMandate.checks, feedbackThemes: FeedbackThemes.all,
            samplingPolicy: SamplingPolicyDTO(
                version: sampling.version,
                randomRate: Dictionary(uniqueKeysWithValues: sampling.randomRate.map { ($0.key.rawValue, $0.value) }),
                minimumCheckIntervalDays: sampling.minimumCheckIntervalDays,
                checkAllBeforeSignOff: SampledWork.allCases.filter(sampling.checkAllBeforeSignOff.contains), mandatory: sampling.mandatory, seed: sampling.seed,
                sources: [
                    "randomRate": "10.8", "minimumCheckIntervalDays": "10.8", "checkAllBeforeSignOff": "10.8, 10.12", "mandatory": "10.11",
                    "resubmission": "10.9",
                ]
            ),
            qualityPolicy: QualityPolicyDTO(
                worstSustainable: quality.worstSustainable, worstHigh: quality.worstHigh, highScoreTarget: quality.highScoreTarget,
                preServiceTarget: quality.preServiceTarget, samplingTarget: quality.samplingTarget, worstServable: quality.worstServable,
                signOffDecisions: quality.signOffDecisions, checkWindowDays: quality.checkWindowDays, sources: QualityPolicy.sources
            ),
            decisionPolicy: DecisionPolicyDTO(
                supportEndsAfterGrantDays: decision.supportEndsAfterGrantDays, serviceRecordedLateDays: decision.serviceRecordedLateDays,
                sources: ["supportEndsAfterGrantDays": "7.31", "serviceRecordedLateDays": "our choice: service is usually recorded the day it happens"]
            )
        )
    }
}
