import CaseworkDomain
import CaseworkStore
import Foundation
import HTTPTypes
import Hummingbird

// The registration form. Field names follow the API's dotted paths with '.' and '[n]' written as '-'
// ("mainApplicant.dateOfBirth" → "mainApplicant-dateOfBirth", "dependants[1].sex" → "dependants-1-sex"), so a
// validation error's path leads straight to the input it is about. Dates are three inputs: KEY-day, KEY-month, KEY-year.

extension PagesController {
    /// `GET /claims/new`: the empty registration form (registrar roles only).
    @Sendable func registrationPage(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        guard AccessPolicy.canRegister(identity.actor) else { throw AccessDenied("\(identity.actor.role.title)s cannot register claims.") }
        return registrationForm(identity: identity, values: FormData(body: ""), errors: FieldErrors(), status: .ok)
    }

    /// `POST /claims/new`: registers the claim, or shows the form again with every problem, or shows possible duplicates.
    @Sendable func register(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        guard AccessPolicy.canRegister(actor) else { throw AccessDenied("\(actor.role.title)s cannot register claims.") }
        let form = context.form ?? FormData(body: "")
        if form["intent"] == "edit" {
            return registrationForm(identity: identity, values: form, errors: FieldErrors(), status: .ok)
        }
        let reading = RegistrationForm.read(form)
        var input = reading.input
        // Coming back from the possible-duplicate page: the user's choice and the matches they were shown.
        let shownMatches = form.all("duplicateMatches").filter { !$0.isEmpty }
        let choice = (form["duplicateResolution"] ?? form["duplicateResolution-choice"] ?? "").trimmingWhitespace
        let choiceMissing = !shownMatches.isEmpty && choice.isEmpty
        if !shownMatches.isEmpty, !choice.isEmpty {
            input.duplicateResolution = DuplicateResolutionInput(choice: choice, matches: shownMatches)
        }
        do {
            let (facts, resolution) = try input.validated(today: store.clock.now().date)
            if choiceMissing {
                let matches = try await store.possibleDuplicates(of: facts)
                if !matches.isEmpty {
                    var errors = FieldErrors()
                    errors.add("Select whether this is a different person or a related claim", key: "duplicateResolution", anchor: "duplicateResolution")
                    return duplicatePage(identity: identity, form: form, facts: facts, matches: matches, errors: errors, status: .unprocessableContent)
                }
            }
            let claim = try await store.register(facts, resolution: resolution, by: actor)
            return seeOther("/claims/\(claim.reference.rawValue)")
        } catch let failure as ValidationFailure {
            let errors = RegistrationForm.errors(failure, reading: reading)
            return registrationForm(identity: identity, values: form, errors: errors, status: .unprocessableContent)
        } catch let duplicate as DuplicateSuspected {
            let facts = try? input.validated(today: store.clock.now().date).facts
            return duplicatePage(identity: identity, form: form, facts: facts, matches: duplicate.matches, errors: FieldErrors(), status: .conflict)
        }
    }

    func registrationForm(identity: Identity, values: FormData, errors: FieldErrors, status: HTTPResponse.Status) -> Response {
        let model = RegistrationForm.model(values: values, errors: errors, csrfToken: identity.csrfToken ?? "")
        let title = errors.isEmpty ? "Register a claim" : "Error: Register a claim"
        return renderer.response("register", title: title, chrome: .signedIn(identity, current: "register"), model: model, status: status)
    }

    func duplicatePage(identity: Identity, form: FormData, facts: ClaimFacts?, matches: [DuplicateSuspected.Match], errors: FieldErrors, status: HTTPResponse.Status) -> Response {
        let skip: Set<String> = ["csrfToken", "duplicateResolution", "duplicateResolution-choice", "duplicateMatches", "intent"]
        let hidden = form.fields.keys.filter { !skip.contains($0) }.sorted().flatMap { name in
            form.all(name).map { HiddenFieldModel(name: name, value: $0) }
        }
        let choice = (form["duplicateResolution"] ?? "").trimmingWhitespace
        let model = DuplicatePageModel(
            hasErrors: !errors.isEmpty, errors: errors.summary, csrfToken: identity.csrfToken ?? "",
            applicantName: facts?.mainApplicant.fullName ?? "this claimant",
            matchCount: matches.count == 1 ? "1 existing claim matches" : "\(matches.count) existing claims match",
            matches: matches.map { match in
                DuplicateMatchModel(
                    reference: match.reference.rawValue, href: "/claims/\(match.reference.rawValue)", name: match.name,
                    dateOfBirth: match.dateOfBirth.longForm, nationality: Countries.name(of: match.nationality),
                    stageTitle: match.stage.title, stageTagClass: stageTagClass(match.stage),
                    matchedOn: match.matchedOn.joined(separator: "; ").capitalisedFirst
                )
            },
            hidden: hidden, matchReferences: matches.map(\.reference.rawValue),
            resolution: ChoicesModel.radios(
                "duplicateResolution", legend: "How do you want to continue?",
                choices: [
                    (DuplicateDecision.Choice.confirmedDistinct.rawValue, "This is a different person — register a new claim"),
                    (DuplicateDecision.Choice.linked.rawValue, "This is a related claim — register it and link them"),
                ],
                selected: choice, errors: errors, legendClass: "govuk-fieldset__legend--m"
            )
        )
        let title = errors.isEmpty ? "This claimant may already have a claim" : "Error: This claimant may already have a claim"
        return renderer.response("duplicate", title: title, chrome: .signedIn(identity, current: "register"), model: model, status: status)
    }
}

/// Reading the registration form into a `RegistrationInput`, and building the form's view model.
enum RegistrationForm {
    /// The form rows of the dependants and languages given (empty rows are left out), and date problems found.
    struct Reading {
        var input: RegistrationInput
        /// `input.dependants[i]` came from form row `dependantRows[i]`.
        var dependantRows: [Int]
        /// `input.languages[i]` came from form row `languageRows[i]`.
        var languageRows: [Int]
        /// Date inputs that could not be read, by key: "must include a month", "must be a real date".
        var dateProblems: [String: String]
    }

    static let dependantRowCount = 2
    static let languageRowCount = 2
    static let dateKeys: Set<String> = Set(["mainApplicant-dateOfBirth", "dateOfClaim"]).union((0..<dependantRowCount).map { "dependants-\($0)-dateOfBirth" })

    static let flagFields: [(name: String, text: String, hint: String)] = [
        ("detained", "Detained", ""),
        ("asylumSupport", "Receives asylum support", ""),
        ("nationalReferralMechanism", "National Referral Mechanism (trafficking) referral made", ""),
        ("criminality", "Criminality recorded at screening", ""),
    ]
    static let childFields: [(name: String, text: String, hint: String)] = [
        ("unaccompaniedChild", "Unaccompanied asylum-seeking child (UASC)", "Under 18 on the date of claim and without a parent or carer"),
        ("ageDisputed", "Age disputed", "An age assessment is needed"),
    ]
    static let protectedFields: [(key: String, label: String)] = [
        ("disability", "Disability"), ("genderIdentity", "Gender identity"), ("sexualOrientation", "Sexual orientation"),
        ("religion", "Religion or belief"), ("ethnicity", "Ethnicity"),
    ]

    static func text(_ form: FormData, _ key: String) -> String? {
        guard let value = form[key], !value.trimmingWhitespace.isEmpty else { return nil }
        return value
    }

    /// Reads the form. Nothing is checked here beyond combining dates: `RegistrationInput.validated` checks every rule.
    static func read(_ form: FormData) -> Reading {
        var input = RegistrationInput()
        var problems: [String: String] = [:]
        func date(_ key: String) -> String? {
            let (value, problem) = DateInputModel.read(key, from: form)
            if let problem { problems[key] = problem }
            return value
        }
        input.mainApplicant = PersonInput(
            givenNames: form["mainApplicant-givenNames"], familyName: form["mainApplicant-familyName"],
            dateOfBirth: date("mainApplicant-dateOfBirth"), sex: text(form, "mainApplicant-sex"),
            nationality: text(form, "mainApplicant-nationality"), nationalityStatus: text(form, "mainApplicant-nationalityStatus"),
            confirmedNationality: text(form, "mainApplicant-confirmedNationality")
        )
        input.dateOfClaim = date("dateOfClaim")
        input.unaccompaniedChild = form.isChecked("unaccompaniedChild")
        input.ageDisputed = form.isChecked("ageDisputed")

        var languages: [LanguageInput] = []
        var languageRows: [Int] = []
        for row in 0..<languageRowCount {
            let language = text(form, "languages-\(row)-language")
            var dialect = text(form, "languages-\(row)-dialect")?.trimmingWhitespace
            guard language != nil || dialect != nil else { continue }
            // Accept a dialect's name ("Sorani") as well as its code ("sorani").
            if let dialectText = dialect, let entry = language.flatMap({ Languages.language(code: $0) }),
                let match = entry.dialects.first(where: { $0.name.lowercased() == dialectText.lowercased() })
            {
                dialect = match.code
            }
            languages.append(LanguageInput(language: language, dialect: dialect))
            languageRows.append(row)
        }
        if languages.isEmpty {
            languages = [LanguageInput()]
            languageRows = [0]
        }
        input.languages = languages

        input.address = AddressInput(
            line1: form["address-line1"], line2: form["address-line2"], town: form["address-town"], postcode: form["address-postcode"],
            verified: form.isChecked("address-verified")
        )
        input.legalRepresentative = RepresentativeInput(name: form["legalRepresentative-name"], firm: form["legalRepresentative-firm"], email: form["legalRepresentative-email"])
        input.detained = form.isChecked("detained")
        input.asylumSupport = form.isChecked("asylumSupport")
        input.nationalReferralMechanism = form.isChecked("nationalReferralMechanism")
        input.criminality = form.isChecked("criminality")
        input.localAuthority = form["localAuthority"]
        input.vulnerabilities = form.all("vulnerabilities").filter { !$0.isEmpty }
        input.claimType = text(form, "claimType")
        input.biometricReference = form["biometricReference"]
        input.portReference = form["portReference"]

        var dependants: [PersonInput] = []
        var dependantRows: [Int] = []
        for row in 0..<dependantRowCount {
            let prefix = "dependants-\(row)-"
            let keys = ["givenNames", "familyName", "dateOfBirth-day", "dateOfBirth-month", "dateOfBirth-year", "sex", "nationality", "relationship"]
            guard keys.contains(where: { text(form, prefix + $0) != nil }) else { continue }
            dependants.append(PersonInput(
                givenNames: form[prefix + "givenNames"], familyName: form[prefix + "familyName"], dateOfBirth: date(prefix + "dateOfBirth"),
                sex: text(form, prefix + "sex"), nationality: text(form, prefix + "nationality"), relationship: text(form, prefix + "relationship")
            ))
            dependantRows.append(row)
        }
        input.dependants = dependants

        let characteristics = ProtectedCharacteristics(
            disability: text(form, "protectedCharacteristics-disability"), genderIdentity: text(form, "protectedCharacteristics-genderIdentity"),
            sexualOrientation: text(form, "protectedCharacteristics-sexualOrientation"), religion: text(form, "protectedCharacteristics-religion"),
            ethnicity: text(form, "protectedCharacteristics-ethnicity")
        )
        input.protectedCharacteristics = characteristics.isEmpty ? nil : characteristics
        return Reading(input: input, dependantRows: dependantRows, languageRows: languageRows, dateProblems: problems)
    }

    /// The form field a validation error's dotted path is about.
    static func key(forPath path: String, reading: Reading) -> String {
        var path = path
        // Rows left out of the input (empty rows) shift indexes: map back to the form's row.
        for (prefix, rows) in [("dependants[", reading.dependantRows), ("languages[", reading.languageRows)] where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]), rows.indices.contains(index) {
                path = prefix + String(rows[index]) + String(rest[close...])
            }
        }
        let key = path.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "").replacingOccurrences(of: ".", with: "-")
        switch key {
        case "duplicateResolution-choice": return "duplicateResolution"
        case "languages": return "languages-0-language"
        case "dependants": return "dependants-0-givenNames"
        case "address": return "address-line1"
        case "legalRepresentative": return "legalRepresentative-name"
        default: return key.hasPrefix("vulnerabilities-") ? "vulnerabilities" : key
        }
    }

    /// The id of the input an error links to: the day of a date, the first radio of a group, or the field itself.
    static func anchor(forKey key: String) -> String {
        dateKeys.contains(key) ? key + "-day" : key
    }

    static func dateLabel(_ key: String) -> String {
        switch key {
        case "mainApplicant-dateOfBirth": return "The claimant's date of birth"
        case "dateOfClaim": return "The date of claim"
        default: return "The dependant's date of birth"
        }
    }

    /// The validator's messages, attached to the form's fields, in plain words for a form with three date inputs.
    static func errors(_ failure: ValidationFailure, reading: Reading) -> FieldErrors {
        var errors = FieldErrors()
        for error in failure.errors {
            let key = key(forPath: error.field, reading: reading)
            var message = error.message.replacingOccurrences(of: " in the form YYYY-MM-DD, for example 2023-06-28", with: "")
            if let problem = reading.dateProblems[key] { message = "\(dateLabel(key)) \(problem)" }
            if key.hasPrefix("dependants-"), let row = Int(key.split(separator: "-")[1]) { message = "Dependant \(row + 1): \(message)" }
            if key.hasPrefix("languages-1-") { message = "Second language: \(message)" }
            errors.add(message, key: key, anchor: anchor(forKey: key))
        }
        errors.order(byAnchors: fieldOrder)
        return errors
    }

    /// The ids of the form's fields in page order, for ordering the error summary.
    static let fieldOrder: [String] = {
        var ids = [
            "mainApplicant-givenNames", "mainApplicant-familyName", "mainApplicant-dateOfBirth-day", "mainApplicant-sex",
            "mainApplicant-nationality", "mainApplicant-nationalityStatus", "mainApplicant-confirmedNationality",
        ]
        ids += childFields.map(\.name)
        ids += ["dateOfClaim-day", "claimType", "biometricReference", "portReference"]
        ids += (0..<languageRowCount).flatMap { ["languages-\($0)-language", "languages-\($0)-dialect"] }
        ids += ["address-line1", "address-line2", "address-town", "address-postcode", "address-verified"]
        ids += ["legalRepresentative-name", "legalRepresentative-firm", "legalRepresentative-email"]
        ids += flagFields.map(\.name) + ["localAuthority", "vulnerabilities"]
        ids += (0..<dependantRowCount).flatMap { row in
            ["givenNames", "familyName", "dateOfBirth-day", "sex", "nationality", "relationship"].map { "dependants-\(row)-\($0)" }
        }
        ids += protectedFields.map { "protectedCharacteristics-\($0.key)" }
        return ids
    }()

    /// The form's view model, with `values` kept and `errors` attached to their fields.
    static func model(values: FormData, errors: FieldErrors, csrfToken: String) -> RegistrationPageModel {
        let statuses = NationalityStatus.allCases.map { ($0.rawValue, $0.rawValue.capitalisedFirst) }
        let dependants = (0..<dependantRowCount).map { row -> DependantRowModel in
            let prefix = "dependants-\(row)-"
            return DependantRowModel(
                heading: "Dependant \(row + 1) (optional)",
                open: (errors.byKey.keys.contains { $0.hasPrefix(prefix) }) || values.fields.keys.contains { $0.hasPrefix(prefix) && !(values[$0] ?? "").isEmpty },
                givenNames: TextInputModel(prefix + "givenNames", label: "Given names", values: values, errors: errors, width: "20"),
                familyName: TextInputModel(prefix + "familyName", label: "Family name", values: values, errors: errors, width: "20"),
                dateOfBirth: DateInputModel(prefix + "dateOfBirth", legend: "Date of birth", values: values, errors: errors),
                sex: SelectModel(prefix + "sex", label: "Sex", options: [("", "Select")] + ReferenceOptions.sexes, selected: values[prefix + "sex"] ?? "", errors: errors),
                nationality: SelectModel(prefix + "nationality", label: "Nationality", options: ReferenceOptions.countries, selected: values[prefix + "nationality"] ?? "", errors: errors),
                relationship: SelectModel(
                    prefix + "relationship", label: "Relationship to the main applicant",
                    options: [("", "Select"), ("spouse", "Spouse or partner"), ("child", "Child under 18"), ("other", "Other")],
                    selected: values[prefix + "relationship"] ?? "", errors: errors
                )
            )
        }
        let languages = (0..<languageRowCount).map { row -> LanguageRowModel in
            let prefix = "languages-\(row)-"
            return LanguageRowModel(
                language: SelectModel(prefix + "language", label: row == 0 ? "Main language" : "Another language (optional)", options: ReferenceOptions.languages, selected: values[prefix + "language"] ?? "", errors: errors),
                dialect: TextInputModel(prefix + "dialect", label: "Dialect (optional)", hint: "For example sorani, or leave blank", values: values, errors: errors, width: "20", list: "dialects")
            )
        }
        return RegistrationPageModel(
            csrfToken: csrfToken, hasErrors: !errors.isEmpty, errors: errors.summary,
            givenNames: TextInputModel("mainApplicant-givenNames", label: "Given names", values: values, errors: errors, width: "20"),
            familyName: TextInputModel("mainApplicant-familyName", label: "Family name", values: values, errors: errors, width: "20"),
            dateOfBirth: DateInputModel("mainApplicant-dateOfBirth", legend: "Date of birth", values: values, errors: errors),
            sex: ChoicesModel.radios("mainApplicant-sex", legend: "Sex", choices: ReferenceOptions.sexes, selected: values["mainApplicant-sex"] ?? "", errors: errors, inline: true),
            nationality: SelectModel("mainApplicant-nationality", label: "Nationality claimed", options: ReferenceOptions.countries, selected: values["mainApplicant-nationality"] ?? "", errors: errors, labelClass: "govuk-label--s"),
            nationalityStatus: ChoicesModel.radios("mainApplicant-nationalityStatus", legend: "Nationality status", choices: statuses, selected: values["mainApplicant-nationalityStatus"] ?? "claimed", errors: errors, inline: true),
            confirmedNationality: SelectModel(
                "mainApplicant-confirmedNationality", label: "Confirmed nationality, if different from the claim (optional)",
                hint: "Only when the nationality status is confirmed", options: [("", "Same as claimed")] + ReferenceOptions.countries.dropFirst(),
                selected: values["mainApplicant-confirmedNationality"] ?? "", errors: errors, labelClass: "govuk-label--s"
            ),
            dateOfClaim: DateInputModel("dateOfClaim", legend: "Date of claim", hint: "The date the claim was made. It decides the regime. For example, 28 6 2022", values: values, errors: errors),
            childFlags: ChoicesModel.flags("child", legend: "Age", hint: "Select all that apply", flags: childFields, values: values, errors: errors),
            languages: languages,
            dialects: ReferenceOptions.dialects,
            addressLine1: TextInputModel("address-line1", label: "Address line 1", values: values, errors: errors, autocomplete: "address-line1"),
            addressLine2: TextInputModel("address-line2", label: "Address line 2 (optional)", values: values, errors: errors, autocomplete: "address-line2"),
            addressTown: TextInputModel("address-town", label: "Town or city", values: values, errors: errors, width: "20", autocomplete: "address-level2"),
            addressPostcode: TextInputModel("address-postcode", label: "Postcode", values: values, errors: errors, width: "10", autocomplete: "postal-code"),
            addressVerified: ChoicesModel.flags("address-check", legend: "Address check", flags: [("address-verified", "The address has been verified", "Questionnaires go only to a checked address")], values: values, errors: errors),
            representativeName: TextInputModel("legalRepresentative-name", label: "Representative's name", values: values, errors: errors, width: "20"),
            representativeFirm: TextInputModel("legalRepresentative-firm", label: "Firm (optional)", values: values, errors: errors, width: "20"),
            representativeEmail: TextInputModel("legalRepresentative-email", label: "Email address (optional)", values: values, errors: errors, width: "20", type: "email", autocomplete: "off"),
            circumstances: ChoicesModel.flags("circumstances", legend: "Circumstances", hint: "Select all that apply", flags: flagFields, values: values, errors: errors),
            localAuthority: TextInputModel("localAuthority", label: "Local authority (optional)", hint: "For children and move-on, for example Kent County Council", values: values, errors: errors, width: "20", labelClass: "govuk-label--s"),
            vulnerabilities: ChoicesModel.checkboxes(
                "vulnerabilities", legend: "Vulnerabilities", hint: "Select all that apply. These inform prioritisation.",
                choices: VulnerabilityMarker.allCases.map { ($0.rawValue, $0.title) }, checked: Set(values.all("vulnerabilities")), errors: errors
            ),
            claimType: ChoicesModel.radios("claimType", legend: "Claim type", choices: ClaimType.allCases.map { ($0.rawValue, $0.title) }, selected: values["claimType"] ?? ClaimType.straightforward.rawValue, errors: errors, inline: true),
            biometricReference: TextInputModel("biometricReference", label: "Biometric reference (optional)", values: values, errors: errors, width: "20", labelClass: "govuk-label--s"),
            portReference: TextInputModel("portReference", label: "Port reference (optional)", values: values, errors: errors, width: "20", labelClass: "govuk-label--s"),
            dependants: dependants,
            protectedCharacteristics: protectedFields.map {
                TextInputModel("protectedCharacteristics-\($0.key)", label: "\($0.label) (optional)", values: values, errors: errors, width: "20")
            }
        )
    }
}

struct LanguageRowModel {
    let language: SelectModel
    let dialect: TextInputModel
}

struct DependantRowModel {
    let heading: String
    let open: Bool
    let givenNames: TextInputModel
    let familyName: TextInputModel
    let dateOfBirth: DateInputModel
    let sex: SelectModel
    let nationality: SelectModel
    let relationship: SelectModel
}

struct RegistrationPageModel {
    let csrfToken: String
    let hasErrors: Bool
    let errors: [ErrorItem]
    let givenNames: TextInputModel
    let familyName: TextInputModel
    let dateOfBirth: DateInputModel
    let sex: ChoicesModel
    let nationality: SelectModel
    let nationalityStatus: ChoicesModel
    let confirmedNationality: SelectModel
    let dateOfClaim: DateInputModel
    let childFlags: ChoicesModel
    let languages: [LanguageRowModel]
    let dialects: [OptionModel]
    let addressLine1: TextInputModel
    let addressLine2: TextInputModel
    let addressTown: TextInputModel
    let addressPostcode: TextInputModel
    let addressVerified: ChoicesModel
    let representativeName: TextInputModel
    let representativeFirm: TextInputModel
    let representativeEmail: TextInputModel
    let circumstances: ChoicesModel
    let localAuthority: TextInputModel
    let vulnerabilities: ChoicesModel
    let claimType: ChoicesModel
    let biometricReference: TextInputModel
    let portReference: TextInputModel
    let dependants: [DependantRowModel]
    let protectedCharacteristics: [TextInputModel]
}

struct HiddenFieldModel {
    let name: String
    let value: String
}

struct DuplicateMatchModel {
    let reference: String
    let href: String
    let name: String
    let dateOfBirth: String
    let nationality: String
    let stageTitle: String
    let stageTagClass: String
    let matchedOn: String
}

struct DuplicatePageModel {
    let hasErrors: Bool
    let errors: [ErrorItem]
    let csrfToken: String
    let applicantName: String
    let matchCount: String
    let matches: [DuplicateMatchModel]
    let hidden: [HiddenFieldModel]
    let matchReferences: [String]
    let resolution: ChoicesModel
}
