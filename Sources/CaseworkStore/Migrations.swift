import Foundation

/// The schema, as numbered migrations. The same statements run on SQLite and PostgreSQL; `{{id}}` is the one difference
/// (a rowid alias on SQLite, an identity column on PostgreSQL).
enum Migrations {
    struct Migration {
        let version: Int
        let name: String
        let sql: String
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "units, staff, sessions, tokens", sql: """
            CREATE TABLE units (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL
            );
            CREATE TABLE staff (
                username TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL,
                unit TEXT NOT NULL REFERENCES units(code),
                password_hash TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL
            );
            CREATE INDEX staff_unit ON staff(unit, role);
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                username TEXT NOT NULL REFERENCES staff(username),
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            );
            CREATE TABLE api_tokens (
                token_hash TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                username TEXT NOT NULL REFERENCES staff(username),
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            );
            CREATE TABLE sign_in_failures (
                username TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                last_failure_at BIGINT NOT NULL
            );
            """),
        Migration(version: 2, name: "claim event log and projections", sql: """
            CREATE TABLE counters (
                name TEXT PRIMARY KEY,
                value BIGINT NOT NULL
            );
            INSERT INTO counters (name, value) VALUES ('claim-reference', 0);
            CREATE TABLE claim_events (
                position {{id}},
                claim_reference TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                actor TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                actor_unit TEXT NOT NULL,
                occurred_at BIGINT NOT NULL,
                reason TEXT,
                UNIQUE (claim_reference, sequence)
            );
            CREATE TABLE claims (
                reference TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                given_names TEXT NOT NULL,
                family_name TEXT NOT NULL,
                search_name TEXT NOT NULL,
                date_of_birth TEXT NOT NULL,
                sex TEXT NOT NULL,
                nationality TEXT NOT NULL,
                nationality_status TEXT NOT NULL,
                person_key TEXT NOT NULL,
                biometric_reference TEXT,
                port_reference TEXT,
                date_of_claim TEXT NOT NULL,
                regime TEXT NOT NULL,
                stage TEXT NOT NULL,
                outcome TEXT,
                owning_unit TEXT NOT NULL,
                unaccompanied_child INTEGER NOT NULL,
                detained INTEGER NOT NULL,
                asylum_support INTEGER NOT NULL,
                represented INTEGER NOT NULL,
                dependant_count INTEGER NOT NULL,
                claim_type TEXT NOT NULL,
                registered_at BIGINT NOT NULL,
                registered_by TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                note_count INTEGER NOT NULL,
                facts TEXT NOT NULL
            );
            CREATE INDEX claims_person_key ON claims(person_key);
            CREATE INDEX claims_biometric ON claims(biometric_reference);
            CREATE INDEX claims_port ON claims(port_reference);
            CREATE INDEX claims_unit_stage ON claims(owning_unit, stage);
            CREATE INDEX claims_nationality ON claims(nationality);
            CREATE INDEX claims_date_of_birth ON claims(date_of_birth);
            CREATE INDEX claims_family_name ON claims(family_name);
            CREATE TABLE claim_notes (
                claim_reference TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                text TEXT NOT NULL,
                is_action INTEGER NOT NULL,
                author TEXT NOT NULL,
                author_role TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (claim_reference, sequence)
            );
            CREATE TABLE claim_protected_characteristics (
                claim_reference TEXT PRIMARY KEY,
                data TEXT NOT NULL
            );
            CREATE TABLE audit_log (
                id {{id}},
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                claim_reference TEXT,
                detail TEXT
            );
            CREATE INDEX audit_claim ON audit_log(claim_reference);
            """),
        Migration(version: 3, name: "allocation: who holds a claim, and the queue order", sql: """
            ALTER TABLE claims ADD COLUMN holder TEXT;
            ALTER TABLE claims ADD COLUMN held_since BIGINT;
            ALTER TABLE claims ADD COLUMN priority_key BIGINT NOT NULL DEFAULT 0;
            CREATE INDEX claims_queue ON claims(owning_unit, holder, priority_key, date_of_claim, reference);
            CREATE INDEX claims_holder ON claims(holder);
            """),
        Migration(version: 4, name: "the queue as a partial index: only claims waiting in a queue stage, in work order", sql: """
            DROP INDEX claims_queue;
            CREATE INDEX claims_queue ON claims(owning_unit, priority_key, date_of_claim, reference)
                WHERE holder IS NULL AND stage IN ('work-in-progress', 'reopened', 'interview', 'decision');
            """),
        Migration(version: 5, name: "index only claims someone holds", sql: """
            DROP INDEX claims_holder;
            CREATE INDEX claims_holder ON claims(holder) WHERE holder IS NOT NULL;
            """),
        Migration(version: 6, name: "barriers", sql: """
            CREATE TABLE claim_barriers (
                claim_reference TEXT NOT NULL,
                id INTEGER NOT NULL,
                type TEXT NOT NULL,
                rating TEXT NOT NULL,
                review_date TEXT NOT NULL,
                is_open INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (claim_reference, id)
            );
            CREATE INDEX barriers_review ON claim_barriers(owning_unit, review_date) WHERE is_open = 1;
            """),
        Migration(version: 7, name: "claims with a barrier that blocks the interview or decision leave the queue", sql: """
            ALTER TABLE claims ADD COLUMN workable INTEGER NOT NULL DEFAULT 1;
            DROP INDEX claims_queue;
            CREATE INDEX claims_queue ON claims(owning_unit, priority_key, date_of_claim, reference)
                WHERE holder IS NULL AND workable = 1 AND stage IN ('work-in-progress', 'reopened', 'interview', 'decision');
            """),
        Migration(version: 8, name: "work in progress: priority facts, cohorts, staff capacity, operations, priority policies", sql: """
            ALTER TABLE claims ADD COLUMN nrm INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE claims ADD COLUMN vulnerabilities TEXT NOT NULL DEFAULT '';
            ALTER TABLE claims ADD COLUMN work TEXT;
            ALTER TABLE claims ADD COLUMN priority_tier INTEGER NOT NULL DEFAULT 6;
            ALTER TABLE claims ADD COLUMN priority_policy INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE claims ADD COLUMN safeguarding_level TEXT;
            ALTER TABLE claims ADD COLUMN commitment_date TEXT;
            ALTER TABLE claims ADD COLUMN reallocations INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX claims_unit_tier ON claims(owning_unit, priority_tier);
            CREATE TABLE claim_cohorts (
                claim_reference TEXT NOT NULL,
                operation TEXT NOT NULL,
                PRIMARY KEY (claim_reference, operation)
            );
            CREATE INDEX claim_cohorts_operation ON claim_cohorts(operation, claim_reference);
            CREATE INDEX events_actor_time ON claim_events(actor, occurred_at);
            ALTER TABLE staff ADD COLUMN team TEXT;
            ALTER TABLE staff ADD COLUMN trained_for TEXT;
            ALTER TABLE staff ADD COLUMN childrens_casework INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE staff ADD COLUMN role_start_date TEXT;
            ALTER TABLE staff ADD COLUMN signed_off INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE staff ADD COLUMN fte DOUBLE PRECISION NOT NULL DEFAULT 1;
            ALTER TABLE staff ADD COLUMN cohort TEXT;
            CREATE INDEX staff_team ON staff(unit, team);
            CREATE TABLE staff_absences (
                username TEXT NOT NULL REFERENCES staff(username),
                first_day TEXT NOT NULL,
                last_day TEXT NOT NULL,
                kind TEXT NOT NULL,
                PRIMARY KEY (username, first_day)
            );
            CREATE TABLE staff_changes (
                id {{id}},
                username TEXT NOT NULL,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                actor TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                at BIGINT NOT NULL,
                reason TEXT
            );
            CREATE INDEX staff_changes_username ON staff_changes(username, id);
            CREATE TABLE operations (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                definition TEXT NOT NULL,
                start_date TEXT NOT NULL,
                starting_figure INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                closed_at BIGINT
            );
            CREATE TABLE unit_operations (
                unit TEXT NOT NULL REFERENCES units(code),
                operation TEXT NOT NULL REFERENCES operations(code),
                PRIMARY KEY (unit, operation)
            );
            CREATE TABLE priority_policies (
                version INTEGER PRIMARY KEY,
                policy TEXT NOT NULL,
                adopted_at BIGINT NOT NULL,
                adopted_by TEXT NOT NULL,
                reason TEXT NOT NULL
            );
            INSERT INTO counters (name, value) VALUES ('planning-revision', 0);
            """),
        Migration(version: 10, name: "operations: where in the log each was defined, and who closed it, why and with what figures", sql: """
            ALTER TABLE operations ADD COLUMN log_position BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE operations ADD COLUMN closed_by TEXT;
            ALTER TABLE operations ADD COLUMN closing_reason TEXT;
            ALTER TABLE operations ADD COLUMN closing_summary TEXT;
            """),
        Migration(version: 11, name: "what each priority policy adoption did: claims recomputed, tiers and places changed", sql: """
            ALTER TABLE priority_policies ADD COLUMN claims_recomputed INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE priority_policies ADD COLUMN tier_changes INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE priority_policies ADD COLUMN order_changes INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE priority_policies ADD COLUMN recompute_milliseconds INTEGER NOT NULL DEFAULT 0;
            """),
        Migration(version: 12, name: "the work order in its own narrow table, so a new priority policy rewrites narrow rows", sql: """
            CREATE TABLE claim_queue (
                reference TEXT PRIMARY KEY,
                owning_unit TEXT NOT NULL,
                stage TEXT NOT NULL,
                holder TEXT,
                workable INTEGER NOT NULL,
                unaccompanied_child INTEGER NOT NULL,
                date_of_claim TEXT NOT NULL,
                priority_key BIGINT NOT NULL,
                priority_tier INTEGER NOT NULL,
                priority_policy INTEGER NOT NULL
            );
            INSERT INTO claim_queue (reference, owning_unit, stage, holder, workable, unaccompanied_child, date_of_claim, priority_key, priority_tier, priority_policy)
                SELECT reference, owning_unit, stage, holder, workable, unaccompanied_child, date_of_claim, priority_key, priority_tier, priority_policy FROM claims;
            DROP INDEX claims_queue;
            DROP INDEX claims_unit_tier;
            ALTER TABLE claims DROP COLUMN priority_key;
            ALTER TABLE claims DROP COLUMN priority_tier;
            ALTER TABLE claims DROP COLUMN priority_policy;
            CREATE INDEX claims_queue ON claim_queue(owning_unit, priority_key, date_of_claim, reference)
                WHERE holder IS NULL AND workable = 1 AND stage IN ('work-in-progress', 'reopened', 'interview', 'decision');
            CREATE INDEX claim_queue_tier ON claim_queue(owning_unit, priority_tier);
            """),
        Migration(version: 13, name: "interview logistics: locations, rooms, interpreters, declared availability, bookings held five minutes at a time, letters, postponements, tasks", sql: """
            CREATE TABLE interview_locations (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                address TEXT NOT NULL,
                latitude DOUBLE PRECISION NOT NULL,
                longitude DOUBLE PRECISION NOT NULL,
                open_days TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1
            );
            CREATE TABLE interview_rooms (
                code TEXT PRIMARY KEY,
                location TEXT NOT NULL REFERENCES interview_locations(code),
                name TEXT NOT NULL,
                child_suitable INTEGER NOT NULL,
                step_free INTEGER NOT NULL,
                weekly_slots TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX interview_rooms_location ON interview_rooms(location);
            CREATE TABLE interpreters (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                data TEXT NOT NULL,
                remote INTEGER NOT NULL,
                daily_maximum INTEGER NOT NULL,
                active INTEGER NOT NULL DEFAULT 1
            );
            CREATE TABLE interpreter_languages (
                interpreter TEXT NOT NULL REFERENCES interpreters(code),
                language TEXT NOT NULL,
                dialect TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (interpreter, language, dialect)
            );
            CREATE INDEX interpreter_languages_language ON interpreter_languages(language, dialect);
            CREATE TABLE interview_availability (
                username TEXT NOT NULL REFERENCES staff(username),
                date TEXT NOT NULL,
                location TEXT NOT NULL REFERENCES interview_locations(code),
                daily_maximum INTEGER NOT NULL,
                declared_at BIGINT NOT NULL,
                PRIMARY KEY (username, date)
            );
            CREATE INDEX interview_availability_date ON interview_availability(date, location);
            CREATE TABLE resource_changes (
                id {{id}},
                kind TEXT NOT NULL,
                code TEXT NOT NULL,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                actor TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                at BIGINT NOT NULL,
                reason TEXT
            );
            CREATE INDEX resource_changes_code ON resource_changes(kind, code, id);
            CREATE TABLE interviews (
                claim_reference TEXT NOT NULL,
                number INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                kind TEXT NOT NULL,
                date TEXT NOT NULL,
                start_minute INTEGER NOT NULL,
                minutes INTEGER NOT NULL,
                location TEXT NOT NULL,
                room TEXT NOT NULL,
                interpreter TEXT,
                language TEXT,
                decision_maker TEXT NOT NULL,
                status TEXT NOT NULL,
                replaces INTEGER,
                replaced_by INTEGER,
                booked_at BIGINT NOT NULL,
                booked_by TEXT NOT NULL,
                invitation_date TEXT NOT NULL,
                outcome TEXT,
                outcome_at BIGINT,
                outcome_by TEXT,
                PRIMARY KEY (claim_reference, number)
            );
            CREATE UNIQUE INDEX interviews_one_booked ON interviews(claim_reference) WHERE status = 'booked';
            CREATE INDEX interviews_unit_date ON interviews(owning_unit, date);
            CREATE INDEX interviews_date_location ON interviews(date, location);
            CREATE INDEX interviews_decision_maker ON interviews(decision_maker, date);
            CREATE TABLE interview_holds (
                resource TEXT NOT NULL,
                date TEXT NOT NULL,
                tick INTEGER NOT NULL,
                claim_reference TEXT NOT NULL,
                number INTEGER NOT NULL,
                PRIMARY KEY (resource, date, tick)
            );
            CREATE INDEX interview_holds_interview ON interview_holds(claim_reference, number);
            CREATE TABLE claim_letters (
                claim_reference TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                kind TEXT NOT NULL,
                dated TEXT NOT NULL,
                interview INTEGER,
                issued_at BIGINT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (claim_reference, sequence)
            );
            CREATE TABLE postponement_requests (
                claim_reference TEXT NOT NULL,
                number INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                received TEXT NOT NULL,
                status TEXT NOT NULL,
                data TEXT NOT NULL,
                answer TEXT,
                PRIMARY KEY (claim_reference, number)
            );
            CREATE INDEX postponement_requests_open ON postponement_requests(owning_unit, status, received);
            CREATE TABLE claim_tasks (
                claim_reference TEXT NOT NULL,
                kind TEXT NOT NULL,
                interview INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                status TEXT NOT NULL,
                resolved_at BIGINT,
                resolved_by TEXT,
                resolution TEXT,
                PRIMARY KEY (claim_reference, kind, interview)
            );
            CREATE INDEX claim_tasks_due ON claim_tasks(owning_unit, status, due_at);
            """),
        Migration(version: 14, name: "decisions and quality assurance: drafts, samples, assessments, themes, Operating Mandate checks, service holds, appeals", sql: """
            CREATE TABLE decision_drafts (
                claim_reference TEXT NOT NULL,
                number INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                author TEXT NOT NULL,
                outcome TEXT NOT NULL,
                template TEXT NOT NULL,
                template_version INTEGER NOT NULL,
                status TEXT NOT NULL,
                data TEXT NOT NULL,
                drafted_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                completions INTEGER NOT NULL DEFAULT 0,
                completed_on TEXT,
                sample_id TEXT,
                served_on TEXT,
                served_month TEXT,
                service TEXT,
                PRIMARY KEY (claim_reference, number)
            );
            CREATE INDEX decision_drafts_unit_served ON decision_drafts(owning_unit, served_month);
            CREATE INDEX decision_drafts_author ON decision_drafts(author, status);
            CREATE TABLE quality_samples (
                sample_id TEXT PRIMARY KEY,
                claim_reference TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                work TEXT NOT NULL,
                subject INTEGER,
                worker TEXT NOT NULL,
                owning_unit TEXT NOT NULL,
                completed_on TEXT NOT NULL,
                month TEXT NOT NULL,
                refusal INTEGER NOT NULL,
                selected INTEGER NOT NULL,
                random INTEGER NOT NULL,
                depth TEXT,
                reasons TEXT NOT NULL,
                draw DOUBLE PRECISION NOT NULL,
                policy_version INTEGER NOT NULL,
                status TEXT NOT NULL,
                assessment INTEGER,
                data TEXT NOT NULL
            );
            CREATE INDEX quality_samples_claim ON quality_samples(claim_reference, sequence);
            CREATE INDEX quality_samples_unit_month ON quality_samples(owning_unit, month, work);
            CREATE INDEX quality_samples_worker ON quality_samples(worker, work, selected, completed_on);
            CREATE INDEX quality_samples_waiting ON quality_samples(status, owning_unit, completed_on);
            CREATE INDEX quality_samples_month ON quality_samples(month, work);
            CREATE TABLE quality_assessments (
                claim_reference TEXT NOT NULL,
                number INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                work TEXT NOT NULL,
                subject INTEGER,
                sample_id TEXT,
                worker TEXT NOT NULL,
                assessor TEXT NOT NULL,
                assessed_on TEXT NOT NULL,
                month TEXT NOT NULL,
                om_score INTEGER NOT NULL,
                casework_score INTEGER NOT NULL,
                process_score INTEGER NOT NULL,
                calculated_score INTEGER NOT NULL,
                outcome_correct INTEGER NOT NULL,
                pre_service INTEGER NOT NULL,
                mode TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (claim_reference, number)
            );
            CREATE INDEX quality_assessments_unit_month ON quality_assessments(owning_unit, month, work);
            CREATE INDEX quality_assessments_worker ON quality_assessments(worker, assessed_on);
            CREATE INDEX quality_assessments_month ON quality_assessments(month, work);
            CREATE TABLE quality_themes (
                claim_reference TEXT NOT NULL,
                source TEXT NOT NULL,
                number INTEGER NOT NULL,
                theme TEXT NOT NULL,
                owning_unit TEXT NOT NULL,
                worker TEXT NOT NULL,
                month TEXT NOT NULL,
                PRIMARY KEY (claim_reference, source, number, theme)
            );
            CREATE INDEX quality_themes_unit_month ON quality_themes(owning_unit, month);
            CREATE INDEX quality_themes_worker ON quality_themes(worker, month);
            CREATE INDEX quality_themes_month ON quality_themes(month);
            CREATE TABLE operating_mandate_checks (
                claim_reference TEXT NOT NULL,
                check_code TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (claim_reference, check_code)
            );
            CREATE TABLE service_holds (
                claim_reference TEXT NOT NULL,
                number INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                placed_on TEXT NOT NULL,
                data TEXT NOT NULL,
                lifted TEXT,
                PRIMARY KEY (claim_reference, number)
            );
            CREATE INDEX service_holds_open ON service_holds(status, kind, owning_unit);
            CREATE TABLE appeals (
                claim_reference TEXT NOT NULL,
                number INTEGER NOT NULL,
                owning_unit TEXT NOT NULL,
                decision INTEGER NOT NULL,
                author TEXT NOT NULL,
                lodged_on TEXT NOT NULL,
                heard_on TEXT,
                outcome TEXT,
                determined_on TEXT,
                determined_month TEXT,
                data TEXT NOT NULL,
                determination TEXT,
                PRIMARY KEY (claim_reference, number)
            );
            CREATE INDEX appeals_unit ON appeals(owning_unit, determined_month);
            CREATE INDEX appeals_author ON appeals(author, determined_on);
            CREATE INDEX appeals_month ON appeals(determined_month);
            """),
    ]

    /// The first migration after which existing claim rows must be rebuilt from the log (new projected columns).
    static let rebuildAfter: Set<Int> = [8]

    /// The statements of a migration in `dialect`.
    static func sql(_ migration: Migration, for dialect: SQLDialect) -> String {
        let id = dialect == .sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        return migration.sql.replacingOccurrences(of: "{{id}}", with: id)
    }

    /// Applies every migration not yet applied, each in its own transaction.
    struct Applied {
        let version: Int
        let name: String
        var description: String { "\(version) \(name)" }
    }

    static func run(on database: any SQLDatabase, at instant: Int64) async throws -> [Applied] {
        try await database.transaction { connection in
            try await connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            )
        }
        var applied: [Applied] = []
        for migration in all {
            let done = try await database.transaction { connection -> Bool in
                if database.dialect == .postgres {
                    // Two servers starting together must not both apply the same migration.
                    try await connection.execute("SELECT pg_advisory_xact_lock(7242001)")
                }
                if try await connection.queryFirst("SELECT version FROM schema_migrations WHERE version = ?", [.int(migration.version)]) != nil {
                    return false
                }
                try await connection.execute(sql(migration, for: database.dialect))
                try await connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.int(migration.version), .text(migration.name), .integer(instant)]
                )
                return true
            }
            if done { applied.append(Applied(version: migration.version, name: migration.name)) }
        }
        return applied
    }
}
