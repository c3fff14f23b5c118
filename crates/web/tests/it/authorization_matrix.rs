//! The authorization matrix (issue 14): every route of the router × every role × a record of
//! the user's own county, another county of her province and another province, with the
//! expected outcome of each cell kept in ONE table, [`ROUTES`]. The table is checked against
//! `hamyar_web::route_table()` — the list the router itself is built from — so a route added
//! without an entry (or an entry left behind by a removed route) fails the test.
//!
//! One server, one seed (`hamyar_testkit::scope`: Qazvin with Abyek and Takestan, Tehran with
//! Shemiranat, the same kit of records in each county), one user per role: the country for
//! the administrator and the national expert, Qazvin for the provincial expert, the auditor
//! and public relations, Abyek for the county expert, the social worker and the facilitator.
//!
//! - A GET that answers with a page must not show the name or national ID of a woman (or her
//!   child) outside the user's scope, nor a group's name outside it; public relations sees no
//!   person's or group's name at all (no staff either); a facilitator sees no full national
//!   ID, not even of her own county's women.
//! - A POST from a role without the permission, or on a record outside the scope, is refused
//!   (403/404) with a valid CSRF token, and nothing changes: the audit trail, which every
//!   change appends to in its own transaction, is exactly as long afterwards. Allowed users
//!   are sent an empty form (`probe`) and must get it back with its problems (422), except
//!   on the routes where any form would change data or the session (`no_probe`).
//! - Anonymous requests are sent to the login page; a method a path does not answer is
//!   refused like a path that is not there.
//! - The PDF report takes seconds to draw in a debug build, so of the roles allowed it only
//!   public relations is sent it (`only`); every role refused it is tried.
//!
//! It runs on SQLite, and on PostgreSQL when `HAMYAR_TEST_POSTGRES_URL` is set.

use std::sync::Arc;

use hamyar_app::Role;
use hamyar_app::access::PlaceId;
use hamyar_app::history_batches::BatchConfirmation;
use hamyar_app::imports::{HistoryKind, HistoryRow};
use hamyar_app::outcomes::assessments::AssessmentInput;
use hamyar_app::ports::assessments::AssessmentId;
use hamyar_app::ports::history::HistoryBatchId;
use hamyar_app::ports::job_plans::{JobPlanId, JobPlanStepId};
use hamyar_app::ports::training::EnrolmentId;
use hamyar_app::ports::training::{CourseRunId, ProviderId, SessionId};
use hamyar_app::registry::import::ImportOptions;
use hamyar_app::spending::EvidenceUpload;
use hamyar_app::training::{
    CompletionInput, CourseKindInput, MarkInput, ProviderInput, RunInput, StepForm,
};
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App};
use hamyar_domain::to_persian_digits;
use hamyar_domain::training::job_plan::{PlanInput, StepInput};
use hamyar_testkit::PASSWORD;
use hamyar_testkit::scope::{CountyKit, Person, ScopeWorld, scope_world};
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::{WebSettings, route_table};
use hamyar_webtest::{Browser, Page, TestApp};

use Outcome::*;
use Record as R;
use Role::*;

// ---------------------------------------------------------------------------------------
// Who may do what: the roles of each permission, written out here (not read from the app),
// so a change to `access.rs` shows up in this table too.

const EVERYONE: &[Role] = &Role::ALL;
/// `ViewRegistry`, `ViewGroups`, `ViewPersonalData`.
const NOT_PR: &[Role] = &[
    SystemAdmin,
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
    Facilitator,
    Auditor,
];
/// `RegisterWomen`, `ManageGroups`, `ExportRegistry`.
const REGISTRARS: &[Role] = &[
    SystemAdmin,
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
];
/// `DecideCoverage`, `ReviewDuplicates`.
const DECIDERS: &[Role] = &[NationalExpert, ProvincialExpert, CountyExpert];
/// `ManageGroupSettings`, `ManageBudget`, `ApproveSpending`.
const PROVINCE_LEADS: &[Role] = &[SystemAdmin, NationalExpert, ProvincialExpert];
/// `ManageProgrammeSettings`.
const PROGRAMME: &[Role] = &[SystemAdmin, NationalExpert];
/// `ManageUsers`, `ManagePlaces`.
const ADMIN: &[Role] = &[SystemAdmin];
/// `ViewUsers`, `ViewAudit`.
const AUDITORS: &[Role] = &[SystemAdmin, Auditor];
/// `ViewMoney`: figures.
const MONEY: &[Role] = &[
    SystemAdmin,
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    Auditor,
    PublicRelations,
];
/// `ViewMoneyRecords`: payments, grants, money per recipient.
const RECORDS: &[Role] = &[
    SystemAdmin,
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    Auditor,
];
/// `ProposeSpending`.
const PROPOSERS: &[Role] = &[NationalExpert, ProvincialExpert, CountyExpert];
/// `ManageTraining`: the national, provincial and county experts (the county's training
/// coordinator).
const TRAINING: &[Role] = &[NationalExpert, ProvincialExpert, CountyExpert];
/// `RecordAttendance`: those who run training and those in the room with the group.
const ATTENDANCE: &[Role] = &[
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
    Facilitator,
];
/// Who records a group's training needs in any group of her scope: those who run training
/// and the social worker (a facilitator only in her own groups).
const NEED_RECORDERS: &[Role] = &[NationalExpert, ProvincialExpert, CountyExpert, SocialWorker];
/// `RecordAttendance` and `RegisterWomen`: make and change a woman's plans toward a job.
/// Who reads and records women's assessment forms (`Assess`).
const ASSESSORS: &[Role] = &[NationalExpert, ProvincialExpert, CountyExpert, SocialWorker];

/// `ViewFund` but a facilitator (who reaches only the funds of the groups she facilitates, and
/// the kits' groups have none): a group's fund and the savings-group report.
const FUND_READERS: &[Role] = &[
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
    Auditor,
];
/// `KeepFund` but a facilitator.
const FUND_KEEPERS: &[Role] = &[NationalExpert, ProvincialExpert, CountyExpert, SocialWorker];
/// `ViewFund`: reaches a loan's page (the kits hold no loans, so it is 404 for each of them).
const FUND_LOANS: &[Role] = &[
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
    Facilitator,
    Auditor,
];
/// `KeepFund`.
const FUND_LOAN_KEEPERS: &[Role] = &[
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
    Facilitator,
];
/// Who records something in the field (`field_kinds`: `ManageGroups` or `KeepFund`, and
/// `ChangeRecords`): everyone but the auditor and public relations.
const FIELD_WORKERS: &[Role] = &[
    SystemAdmin,
    NationalExpert,
    ProvincialExpert,
    CountyExpert,
    SocialWorker,
    Facilitator,
];
/// A meeting screen with a key, so that the app looks at the group before at the screen.
const FUND_MEETING: Body = Body::Form(&[("key", "matrix-probe")]);

const PLANNERS: &[Role] = &[NationalExpert, ProvincialExpert, CountyExpert, SocialWorker];
/// `ProposeSpending` or `ApproveSpending`: may add evidence.
const EVIDENCE: &[Role] = &[SystemAdmin, NationalExpert, ProvincialExpert, CountyExpert];

// ---------------------------------------------------------------------------------------
// The table

/// What kind of record the path's `{id}` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Record {
    None,
    Woman,
    Group,
    Payment,
    Grant,
    Line,
    User,
    Place,
    Duplicate,
    Job,
    /// A batch of a province's paper history (its province's, confirmed with a scan).
    Batch,
    /// A completed enrolment of the county's first woman, with its certificate.
    Enrolment,
    /// A course run of the county, with one session (`{session_id}`).
    Run,
    /// A job plan of the county's first woman, with one step (`{step_id}`).
    JobPlan,
    /// The provider of that run (a provider of the county's province).
    Provider,
    /// A baseline assessment form of the county's first woman.
    Assessment,
}

/// How the record's place matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scoping {
    /// It must lie in the user's scope; outside it is 404, as if it did not exist.
    InScope,
    /// Only its owner may (import jobs, held by whoever uploaded): 404 for everyone else.
    OwnerOnly,
    /// It belongs to a province, not a county (a batch of paper history): the user's scope
    /// must reach the whole province; a county's user gets 404.
    Province,
    /// It belongs to a province and every user of that province reaches it (a training
    /// provider and its contracts): 404 only from another province.
    ProvinceWide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// 200 with an HTML page.
    Page,
    /// 200 with something else (a download, a health check).
    File,
    /// 303 anywhere but the login page.
    Redirect,
    /// 303 to the login page.
    Login,
    Status(u16),
}

/// A POST's body.
#[derive(Debug, Clone, Copy)]
enum Body {
    Form(&'static [(&'static str, &'static str)]),
    /// A multipart upload with these text fields and no file.
    Multipart(&'static [(&'static str, &'static str)]),
}

#[derive(Debug, Clone, Copy)]
struct Route {
    method: &'static str,
    path: &'static str,
    record: Record,
    scoping: Scoping,
    /// The roles the route lets through.
    roles: &'static [Role],
    ok: Outcome,
    anonymous: Outcome,
    body: Body,
    /// Whether allowed users in scope are sent `body` (a form that fails validation, so
    /// nothing changes); otherwise only the refusals are exercised.
    probe: bool,
    /// For a page too slow to draw for every role in a debug build (the PDF report): the one
    /// allowed role that is sent it; the roles refused it are all tried.
    only: Option<Role>,
}

const fn get(path: &'static str, record: Record, roles: &'static [Role]) -> Route {
    Route {
        method: "GET",
        path,
        record,
        scoping: Scoping::InScope,
        roles,
        ok: Page,
        anonymous: Login,
        body: Body::Form(&[]),
        probe: false,
        only: None,
    }
}

/// A POST whose allowed users are probed with an empty form.
const fn post(path: &'static str, record: Record, roles: &'static [Role]) -> Route {
    Route {
        method: "POST",
        ok: Status(422),
        probe: true,
        ..get(path, record, roles)
    }
}

impl Route {
    const fn ok(self, ok: Outcome) -> Self {
        Route { ok, ..self }
    }
    const fn anonymous(self, anonymous: Outcome) -> Self {
        Route { anonymous, ..self }
    }
    const fn scoping(self, scoping: Scoping) -> Self {
        Route { scoping, ..self }
    }
    const fn body(self, body: Body) -> Self {
        Route { body, ..self }
    }
    const fn only(self, role: Role) -> Self {
        Route {
            only: Some(role),
            ..self
        }
    }
    /// Allowed users are not sent anything: any form would change data (or the session).
    const fn no_probe(self) -> Self {
        Route {
            probe: false,
            ..self
        }
    }
}

/// A form naming the province of the target (the settings forms say which province).
const IN_QAZVIN: Body = Body::Form(&[("province", "{province}")]);

/// Every route, with what each role gets (a role not in its list gets 403). Add a line here
/// with every new route.
const ROUTES: &[Route] = &[
    // Operations and assets.
    get("/healthz", R::None, EVERYONE).ok(File).anonymous(File),
    get("/metrics", R::None, EVERYONE)
        .ok(Status(404))
        .anonymous(Status(404)),
    get("/assets/{*path}", R::None, EVERYONE)
        .ok(File)
        .anonymous(File),
    // Sessions and accounts.
    get("/", R::None, EVERYONE),
    get("/setup/{token}", R::None, EVERYONE)
        .ok(Status(404))
        .anonymous(Status(404)),
    post("/setup/{token}", R::None, EVERYONE)
        .ok(Status(404))
        .anonymous(Status(404)),
    get("/login", R::None, EVERYONE)
        .ok(Redirect)
        .anonymous(Page),
    post("/login", R::None, EVERYONE)
        .no_probe()
        .anonymous(Status(401)),
    // The public check of a training certificate's code: no login.
    get("/verify", R::None, EVERYONE).anonymous(Page),
    // The JSON API's document, as a page and as JSON: public. The API's operations answer
    // bearer tokens only and have their own matrix (`api.rs`).
    get("/api/v1/docs", R::None, EVERYONE).anonymous(Page),
    get("/api/v1/openapi.json", R::None, EVERYONE)
        .ok(File)
        .anonymous(File),
    post("/logout", R::None, EVERYONE).no_probe(),
    post("/lang", R::None, EVERYONE)
        .body(Body::Form(&[("lang", "fa")]))
        .no_probe()
        .anonymous(Redirect),
    get("/account", R::None, EVERYONE),
    post("/account/password", R::None, EVERYONE),
    post("/account/preferences", R::None, EVERYONE).no_probe(),
    // API tokens: her own. The id stands for a token; nobody of the matrix has one, so every
    // role finds none (another person's token is refused the same way).
    post("/account/tokens", R::None, EVERYONE),
    post("/account/tokens/{id}/revoke", R::User, EVERYONE).ok(Status(404)),
    // The offline field app (issue 21): the page and a phone's token for whoever records
    // something in the field; making a token changes data, so it is not probed. Revoking is
    // of her own tokens, none here (as above). The manifest and the worker are public.
    get("/field", R::None, FIELD_WORKERS),
    post("/field/device", R::None, FIELD_WORKERS).no_probe(),
    post("/field/device/{id}/revoke", R::User, EVERYONE).ok(Status(404)),
    get("/field/manifest.webmanifest", R::None, EVERYONE)
        .ok(File)
        .anonymous(File),
    get("/field/sw.js", R::None, EVERYONE)
        .ok(File)
        .anonymous(File),
    // Users and places.
    get("/users", R::None, AUDITORS),
    post("/users", R::None, ADMIN),
    get("/users/new", R::None, ADMIN),
    get("/users/{id}", R::User, AUDITORS),
    post("/users/{id}/disable", R::User, ADMIN).no_probe(),
    post("/users/{id}/enable", R::User, ADMIN).no_probe(),
    post("/users/{id}/password", R::User, ADMIN),
    get("/places", R::None, EVERYONE),
    post("/places/counties", R::None, ADMIN),
    get("/places/{id}", R::Place, EVERYONE),
    post("/places/{id}/rename", R::Place, ADMIN),
    get("/audit", R::None, AUDITORS),
    // Groups and their life.
    get("/groups", R::None, NOT_PR),
    post("/groups", R::None, REGISTRARS),
    get("/groups/new", R::None, REGISTRARS),
    get("/groups/settings", R::None, PROVINCE_LEADS),
    post("/groups/settings", R::None, PROVINCE_LEADS).body(IN_QAZVIN),
    post("/groups/settings/units", R::None, PROVINCE_LEADS),
    post("/groups/settings/double-support", R::None, PROVINCE_LEADS).body(IN_QAZVIN),
    post("/groups/settings/fields", R::None, PROGRAMME),
    get("/groups/{id}", R::Group, NOT_PR),
    get("/groups/{id}/edit", R::Group, REGISTRARS),
    post("/groups/{id}/edit", R::Group, REGISTRARS),
    post("/groups/{id}/stage", R::Group, REGISTRARS),
    post("/groups/{id}/members", R::Group, REGISTRARS),
    post(
        "/groups/{id}/members/{membership_id}/leave",
        R::Group,
        REGISTRARS,
    )
    .no_probe(),
    post("/groups/{id}/staff", R::Group, REGISTRARS),
    get("/groups/{id}/life", R::Group, NOT_PR),
    // The groups' exports (issue 17): files, each within the reader's scope.
    get("/groups/{id}/roster", R::Group, NOT_PR).ok(File),
    get("/groups/export", R::None, NOT_PR).ok(File),
    get("/visits/export", R::None, NOT_PR).ok(File),
    get("/business/export", R::None, NOT_PR).ok(File),
    // The documents a group's pages print (one allowed role each: a PDF takes a while).
    get("/groups/{id}/print/certificate.pdf", R::Group, NOT_PR)
        .ok(File)
        .only(SocialWorker),
    get("/groups/{id}/print/agreement.pdf", R::Group, NOT_PR)
        .ok(File)
        .only(Facilitator),
    get("/groups/{id}/print/letter/{to}", R::Group, NOT_PR)
        .ok(File)
        .only(CountyExpert),
    get("/groups/{id}/print/visit-form.pdf", R::Group, NOT_PR)
        .ok(File)
        .only(ProvincialExpert),
    get("/groups/{id}/visits/{visit_id}/print.pdf", R::Group, NOT_PR)
        .ok(File)
        .only(Auditor),
    post("/groups/{id}/business", R::Group, REGISTRARS),
    post("/groups/{id}/meetings", R::Group, REGISTRARS),
    post("/groups/{id}/visits", R::Group, REGISTRARS),
    post(
        "/groups/{id}/visits/{visit_id}/follow-up",
        R::Group,
        REGISTRARS,
    ),
    post(
        "/groups/{id}/requests/{request_id}/resolve",
        R::Group,
        REGISTRARS,
    ),
    post("/groups/{id}/permits", R::Group, REGISTRARS),
    get("/visits/due", R::None, NOT_PR),
    post("/visits/due/settings", R::None, PROVINCE_LEADS),
    // The registry.
    get("/women", R::None, NOT_PR),
    post("/women", R::None, REGISTRARS),
    get("/women/new", R::None, REGISTRARS),
    get("/women/member-row", R::None, REGISTRARS),
    get("/women/{id}", R::Woman, NOT_PR),
    get("/women/{id}/print/dossier.pdf", R::Woman, NOT_PR)
        .ok(File)
        .only(Facilitator),
    get("/women/{id}/print/letter/{to}", R::Woman, NOT_PR)
        .ok(File)
        .only(SocialWorker),
    get("/women/{id}/edit", R::Woman, REGISTRARS),
    post("/women/{id}/edit", R::Woman, REGISTRARS),
    post("/women/{id}/members", R::Woman, REGISTRARS),
    post(
        "/women/{id}/members/{member_id}/remove",
        R::Woman,
        REGISTRARS,
    )
    .no_probe(),
    post("/women/{id}/coverage", R::Woman, DECIDERS),
    post("/women/{id}/inquiries", R::Woman, REGISTRARS),
    post("/women/{id}/documents", R::Woman, REGISTRARS),
    post("/women/{id}/facilities", R::Woman, REGISTRARS),
    // Bank self-employment loans: read with the money records, referred and followed by the
    // experts who propose spending. The id stands for a referral; the kits have none: allowed
    // roles find none (404), the others are refused before looking (403).
    get("/bank-loans", R::None, RECORDS),
    get("/women/{id}/bank-loans/new", R::Woman, PROPOSERS),
    post("/women/{id}/bank-loans", R::Woman, PROPOSERS),
    get("/groups/{id}/bank-loans/new", R::Group, PROPOSERS),
    post("/groups/{id}/bank-loans", R::Group, PROPOSERS),
    get("/bank-loans/{id}", R::Group, RECORDS).ok(Status(404)),
    post("/bank-loans/{id}/decision", R::Group, PROPOSERS).no_probe(),
    post("/bank-loans/{id}/disbursement", R::Group, PROPOSERS).no_probe(),
    post("/bank-loans/{id}/instalments", R::Group, PROPOSERS).no_probe(),
    post("/bank-loans/{id}/settle", R::Group, PROPOSERS).no_probe(),
    post("/bank-loans/{id}/default", R::Group, PROPOSERS).no_probe(),
    post("/bank-loans/{id}/withdraw", R::Group, PROPOSERS).no_probe(),
    get("/duplicates", R::None, NOT_PR),
    post("/duplicates/{id}/merge", R::Duplicate, DECIDERS).no_probe(),
    post("/duplicates/{id}/dismiss", R::Duplicate, DECIDERS).no_probe(),
    get("/programme", R::None, NOT_PR),
    post("/programme/eligibility", R::None, PROGRAMME).no_probe(),
    post("/programme/pension", R::None, PROGRAMME),
    post("/programme/singlehood", R::None, PROGRAMME).no_probe(),
    get("/women/import", R::None, REGISTRARS),
    post("/women/import", R::None, REGISTRARS).body(Body::Multipart(&[])),
    get("/women/import/template/{format}", R::None, REGISTRARS).ok(File),
    get("/women/import/jobs/{id}", R::Job, EVERYONE).scoping(Scoping::OwnerOnly),
    get("/women/import/jobs/{id}/status", R::Job, EVERYONE).scoping(Scoping::OwnerOnly),
    post("/women/import/jobs/{id}/apply", R::Job, EVERYONE).scoping(Scoping::OwnerOnly),
    get("/women/import/jobs/{id}/report/{format}", R::Job, EVERYONE).scoping(Scoping::OwnerOnly),
    get("/women/export", R::None, REGISTRARS).ok(File),
    // Budgets, reports, dashboards.
    get("/money/budget", R::None, MONEY),
    post("/money/budget/year", R::None, PROVINCE_LEADS),
    post("/money/budget/divide", R::None, PROVINCE_LEADS),
    post("/money/budget/amend", R::None, PROVINCE_LEADS),
    // A year that has not begun cannot be closed: the probe is refused and closes nothing.
    post("/money/budget/close-year", R::None, PROVINCE_LEADS)
        .body(Body::Form(&[("year", "1499"), ("province", "{province}")])),
    // No reason: refused, nothing reopened.
    post("/money/budget/reopen-year", R::None, PROGRAMME).body(IN_QAZVIN),
    get("/money/reports/budget", R::None, MONEY),
    get("/dashboard", R::None, EVERYONE),
    get("/dashboard/figures/{format}", R::None, EVERYONE).ok(File),
    // The yearly plan: read by every dashboard reader, set by the province's leads; the
    // probe names the province and leaves every target empty.
    get("/plan", R::None, EVERYONE),
    post("/plan", R::None, PROVINCE_LEADS).body(Body::Form(&[("place", "{province}")])),
    get("/plan/file/{format}", R::None, EVERYONE).ok(File),
    get("/reports/summary", R::None, MONEY),
    get("/reports/summary/download.xlsx", R::None, MONEY).ok(File),
    get("/reports/summary/report.pdf", R::None, MONEY)
        .ok(File)
        .only(PublicRelations),
    get("/reports/summary/press.pdf", R::None, MONEY)
        .ok(File)
        .only(PublicRelations),
    get("/reports/monthly/{format}", R::None, MONEY).ok(File),
    get("/money/reports/recipients", R::None, RECORDS),
    get("/money/reports/budget/download/{format}", R::None, MONEY).ok(File),
    get("/money/reports/lines/{id}/{figure}", R::Line, MONEY),
    // Grants and payments.
    get("/money/grants", R::None, RECORDS),
    post("/money/grants", R::None, PROPOSERS),
    get("/money/grants/new", R::None, PROPOSERS),
    get("/money/grants/{id}", R::Grant, RECORDS),
    post(
        "/money/grants/{id}/tranches/{tranche}/approve",
        R::Grant,
        PROVINCE_LEADS,
    )
    .no_probe(),
    post(
        "/money/grants/{id}/tranches/{tranche}/reject",
        R::Grant,
        PROVINCE_LEADS,
    ),
    post(
        "/money/grants/{id}/tranches/{tranche}/pay",
        R::Grant,
        PROVINCE_LEADS,
    ),
    post(
        "/money/grants/{id}/tranches/{tranche}/cancel",
        R::Grant,
        PROVINCE_LEADS,
    ),
    get("/money/payments", R::None, RECORDS),
    post("/money/payments", R::None, PROPOSERS).body(Body::Multipart(&[("payee", "")])),
    get("/money/payments/new", R::None, PROPOSERS),
    get("/money/payments/{id}", R::Payment, RECORDS),
    get("/money/payments/{id}/print.pdf", R::Payment, RECORDS)
        .ok(File)
        .only(CountyExpert),
    // A woman's training certificate: the run's scope and her personal data.
    get(
        "/training/enrolments/{id}/certificate.pdf",
        R::Enrolment,
        NOT_PR,
    )
    .ok(File)
    .only(SocialWorker),
    post("/money/payments/{id}/approve", R::Payment, PROVINCE_LEADS).no_probe(),
    post("/money/payments/{id}/reject", R::Payment, PROVINCE_LEADS),
    post("/money/payments/{id}/pay", R::Payment, PROVINCE_LEADS),
    post("/money/payments/{id}/cancel", R::Payment, PROVINCE_LEADS),
    post("/money/payments/{id}/evidence", R::Payment, EVIDENCE)
        .body(Body::Multipart(&[("note", "")])),
    get(
        "/money/payments/{id}/evidence/{evidence_id}",
        R::Payment,
        RECORDS,
    )
    .ok(File),
    // A province's paper history of money: batches belong to the province, so a county's
    // user sees none of them.
    get("/money/history", R::None, RECORDS),
    get("/money/history/{id}", R::Batch, RECORDS).scoping(Scoping::Province),
    // Any form would decide the batch (it is decided already: «already decided» would do).
    post("/money/history/{id}/confirm", R::Batch, PROVINCE_LEADS)
        .scoping(Scoping::Province)
        .body(Body::Multipart(&[("note", "")]))
        .no_probe(),
    post("/money/history/{id}/refuse", R::Batch, PROVINCE_LEADS).scoping(Scoping::Province),
    get("/money/history/{id}/evidence", R::Batch, RECORDS)
        .scoping(Scoping::Province)
        .ok(File),
    // Training: runs belong to a county; the social worker and the facilitator mark sessions.
    get("/training", R::None, ATTENDANCE),
    // The outcome report: aggregates for every dashboard reader (public relations with small
    // cells hidden).
    get("/outcomes/report", R::None, EVERYONE),
    get("/outcomes/report/{format}", R::None, EVERYONE).ok(File),
    get("/training/report", R::None, EVERYONE),
    get("/training/report/{format}", R::None, EVERYONE).ok(File),
    get("/training/runs/new", R::None, TRAINING),
    post("/training/runs/new", R::None, TRAINING),
    get("/training/runs/{id}", R::Run, ATTENDANCE),
    post("/training/runs/{id}/enrol", R::Run, TRAINING),
    post("/training/runs/{id}/complete", R::Run, TRAINING),
    post("/training/runs/{id}/dropout", R::Run, TRAINING),
    get(
        "/training/runs/{id}/sessions/{session_id}",
        R::Run,
        ATTENDANCE,
    ),
    post(
        "/training/runs/{id}/sessions/{session_id}",
        R::Run,
        ATTENDANCE,
    ),
    // Job preparation: the follow-ups after the county's completed course are asked by
    // those in the room; a woman's plans are case work and read with her personal data.
    get("/training/follow-ups", R::None, ATTENDANCE),
    get("/training/follow-ups/{id}", R::Enrolment, ATTENDANCE),
    // Not due yet on the test's day: refused, nothing recorded.
    post("/training/follow-ups/{id}", R::Enrolment, ATTENDANCE),
    get("/training/women/{id}/job-plans/new", R::Woman, PLANNERS),
    post("/training/women/{id}/job-plans/new", R::Woman, PLANNERS),
    get("/training/job-plans/{id}", R::JobPlan, NOT_PR),
    post("/training/job-plans/{id}/steps", R::JobPlan, PLANNERS),
    post(
        "/training/job-plans/{id}/steps/{step_id}",
        R::JobPlan,
        PLANNERS,
    ),
    post("/training/job-plans/{id}/close", R::JobPlan, PLANNERS),
    get("/training/providers", R::None, TRAINING),
    post("/training/providers", R::None, TRAINING),
    get("/training/providers/{id}", R::Provider, TRAINING).scoping(Scoping::ProvinceWide),
    post("/training/providers/{id}/contracts", R::Provider, TRAINING)
        .scoping(Scoping::ProvinceWide),
    // A group's training needs: recorded by the experts and the social worker for the groups
    // of their scope, and by a facilitator only for a group she facilitates (none in the kits).
    get("/training/needs", R::None, ATTENDANCE),
    get("/groups/{id}/training-needs", R::Group, ATTENDANCE),
    post("/groups/{id}/training-needs", R::Group, NEED_RECORDERS),
    // The id stands for a need; the kits have none, so only the refusals are tried.
    post("/training/needs/{id}/withdraw", R::Group, ATTENDANCE).no_probe(),
    get("/training/kinds", R::None, PROGRAMME),
    // Outcomes: answers are read by the experts and social workers in scope; the
    // questionnaires themselves by anyone who sees groups, changed by the national office.
    get("/outcomes", R::None, ASSESSORS),
    get("/outcomes/instruments", R::None, NOT_PR),
    post("/outcomes/instruments", R::None, PROGRAMME),
    get("/outcomes/instruments/{code}", R::None, NOT_PR),
    get("/outcomes/forms/{id}", R::Assessment, ASSESSORS),
    get("/women/{id}/outcomes", R::Woman, ASSESSORS),
    // Exits as empowered: proposed on a woman's outcomes page (her forms are the evidence)
    // or a group's graduation page, decided by an expert; the open proposals name women.
    post("/women/{id}/outcomes/exit", R::Woman, ASSESSORS),
    get("/groups/{id}/graduation", R::Group, NOT_PR),
    post("/groups/{id}/graduation", R::Group, REGISTRARS),
    get("/outcomes/exits", R::None, NOT_PR),
    // The id stands for a proposal; the kits have none: allowed roles find none (404), the
    // others are refused before looking (403).
    get("/outcomes/exits/{id}", R::Group, NOT_PR).ok(Status(404)),
    post("/outcomes/exits/{id}", R::Group, DECIDERS).no_probe(),
    get("/outcomes/criteria", R::None, NOT_PR),
    post("/outcomes/criteria", R::None, PROVINCE_LEADS),
    get("/women/{id}/outcomes/new", R::Woman, ASSESSORS),
    // The group fund (issue 20): the kits' groups have no cycle, so every form is refused whole
    // (422) by those who keep funds; the kits hold no loans (404 to whoever reads funds).
    get("/groups/{id}/fund", R::Group, FUND_READERS),
    post("/groups/{id}/fund/cycles", R::Group, FUND_KEEPERS),
    post("/groups/{id}/fund/lottery", R::Group, FUND_KEEPERS),
    get("/groups/{id}/fund/meeting", R::Group, FUND_KEEPERS),
    post("/groups/{id}/fund/meeting", R::Group, FUND_KEEPERS).body(FUND_MEETING),
    get("/groups/{id}/fund/share-out", R::Group, FUND_READERS),
    post("/groups/{id}/fund/share-out", R::Group, FUND_KEEPERS),
    get("/fund/loans/{id}", R::Group, FUND_LOANS).ok(Status(404)),
    post("/fund/loans/{id}/reschedule", R::Group, FUND_LOAN_KEEPERS).no_probe(),
    post("/fund/loans/{id}/write-off", R::Group, FUND_LOAN_KEEPERS).no_probe(),
    get("/fund/report", R::None, FUND_READERS),
    post("/women/{id}/outcomes/new", R::Woman, ASSESSORS),
    post("/training/kinds", R::None, PROGRAMME),
];

// ---------------------------------------------------------------------------------------
// Users, targets and what each may see

/// Where each role's user works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Country,
    Qazvin,
    Abyek,
}

fn span(role: Role) -> Span {
    match role {
        SystemAdmin | NationalExpert => Span::Country,
        ProvincialExpert | Auditor | PublicRelations => Span::Qazvin,
        CountyExpert | SocialWorker | Facilitator => Span::Abyek,
    }
}

/// Whose record fills a path's `{id}`: the user's own county (Abyek), another county of her
/// province (Takestan), another province (Shemiranat, Tehran).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    OwnCounty,
    OtherCounty,
    OtherProvince,
}

const TARGETS: [Target; 3] = [
    Target::OwnCounty,
    Target::OtherCounty,
    Target::OtherProvince,
];

fn holds(role: Role, target: Target) -> bool {
    match (span(role), target) {
        (Span::Country, _) => true,
        (Span::Qazvin, target) => target != Target::OtherProvince,
        (Span::Abyek, target) => target == Target::OwnCounty,
    }
}

fn kit(world: &ScopeWorld, target: Target) -> &CountyKit {
    match target {
        Target::OwnCounty => &world.abyek,
        Target::OtherCounty => &world.takestan,
        Target::OtherProvince => &world.shemiranat,
    }
}

/// The expected outcome of one cell.
fn expected(route: &Route, role: Role, target: Target) -> Outcome {
    if !route.roles.contains(&role) {
        return Status(403);
    }
    match route.scoping {
        Scoping::OwnerOnly => Status(404),
        Scoping::InScope if route.record == R::None || holds(role, target) => route.ok,
        Scoping::InScope => Status(404),
        Scoping::Province if span(role) != Span::Abyek && holds(role, target) => route.ok,
        Scoping::Province => Status(404),
        Scoping::ProvinceWide if span(role) == Span::Country || target != Target::OtherProvince => {
            route.ok
        }
        Scoping::ProvinceWide => Status(404),
    }
}

fn fill(route: &Route, kit: &CountyKit, shared: (&str, &Batches, &Certificates, &Runs)) -> String {
    let (job, batches, certificates, runs) = shared;
    let (run, session) = runs.of(kit);
    let id = match route.record {
        R::None => String::new(),
        R::Woman => kit.woman.to_string(),
        R::Group => kit.group.to_string(),
        R::Payment => kit.payment.to_string(),
        R::Grant => kit.grant.to_string(),
        R::Line => kit.training_line.to_string(),
        R::User => kit.staff_user.to_string(),
        R::Place => kit.county.to_string(),
        R::Duplicate => kit.duplicate.to_string(),
        R::Job => job.to_owned(),
        R::Batch if kit.province == batches.qazvin.0 => batches.qazvin.1.to_string(),
        R::Batch => batches.tehran.1.to_string(),
        R::Enrolment => certificates.of(kit).to_string(),
        R::Run => run.to_string(),
        R::JobPlan => certificates.plan_of(kit).0.to_string(),
        R::Provider => runs.provider_of(kit).to_string(),
        R::Assessment => certificates.form_of(kit).to_string(),
    };
    route
        .path
        .replace("{id}", &id)
        .replace("{membership_id}", &kit.membership.to_string())
        .replace("{visit_id}", &kit.visit.to_string())
        .replace("{request_id}", &kit.request.to_string())
        .replace("{member_id}", &kit.household_member.to_string())
        .replace("{tranche}", &kit.tranche.to_string())
        .replace("{evidence_id}", &kit.evidence.to_string())
        .replace("{session_id}", &session.to_string())
        .replace("{step_id}", &certificates.plan_of(kit).1.to_string())
        .replace("{format}", "csv")
        .replace("{code}", "rosenberg")
        .replace("{figure}", "committed")
        .replace("{to}", "bank")
        .replace("{token}", "no-such-token")
        .replace("{*path}", "css/app.css")
}

fn matches(outcome: Outcome, page: &Page) -> bool {
    let to_login = page.location().is_some_and(|l| l.starts_with("/login"));
    let html = page
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html"));
    match outcome {
        Page => page.status == 200 && html,
        File => page.status == 200 && !html,
        Redirect => page.status == 303 && !to_login,
        Login => page.status == 303 && to_login,
        Status(code) => page.status == code,
    }
}

/// What a page shows that the role may not see (empty when nothing).
fn leaks(role: Role, world: &ScopeWorld, page: &Page) -> Vec<String> {
    let shows = |text: &str| {
        !text.is_empty()
            && (page.body.contains(text) || page.body.contains(&to_persian_digits(text)))
    };
    let mut found = Vec::new();
    for target in TARGETS {
        let kit = kit(world, target);
        let may_see = role != PublicRelations && holds(role, target);
        let people: [&Person; 3] = [&kit.person, &kit.child, &kit.second_person];
        for person in people {
            if !may_see && shows(person.last_name) {
                found.push(format!("the name {}", person.last_name));
            }
            if (!may_see || role == Facilitator) && shows(&person.national_id) {
                found.push(format!("the national ID {}", person.national_id));
            }
        }
        if !may_see && shows(kit.group_name) {
            found.push(format!("the group {}", kit.group_name));
        }
    }
    if role == PublicRelations {
        for name in &world.staff_names {
            if shows(name) {
                found.push(format!("the staff member {name}"));
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------
// Running it

/// A logged-in user of one role, or the anonymous visitor (`role: None`), with the CSRF
/// token their forms carry.
struct Visitor {
    role: Option<Role>,
    browser: Browser,
    csrf: String,
}

/// What every cell reads: where the server is, the seeded world and the import job.
struct Shared {
    base_url: String,
    world: ScopeWorld,
    job: String,
    batches: Batches,
    certificates: Certificates,
    runs: Runs,
}

/// A batch of paper history in each province, by province.
struct Batches {
    qazvin: (hamyar_app::access::PlaceId, HistoryBatchId),
    tehran: (hamyar_app::access::PlaceId, HistoryBatchId),
}

/// A province's batch: one payment approved and paid on paper, imported by the province's
/// first seeded expert and confirmed, with its scan, by the second (nobody of the matrix).
async fn seeded_batch(app: &App, tag: &str) -> HistoryBatchId {
    let actor = |name: String| async move {
        app.user_by_username(&name)
            .await
            .expect("read staff")
            .expect("staff exists")
            .actor()
    };
    let importer = actor(format!("seed.{tag}.one")).await;
    let options = ImportOptions {
        dry_run: false,
        ..ImportOptions::default()
    };
    let mut import = app
        .begin_history_import(&importer, HistoryKind::Payments, "paper.csv", options)
        .await
        .expect("an import");
    let cells = [
        ("category", "آموزش"),
        ("payee", "آموزشگاه سابقه"),
        ("payee_kind", "course_provider"),
        ("amount", "1000000"),
        ("spent_on", "1405/02/10"),
        ("approved_on", "1405/02/15"),
        ("paid_on", "1405/03/01"),
        ("approver", "امضاکننده‌ی کاغذ"),
    ];
    import
        .push(HistoryRow {
            line: 2,
            cells: cells.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        })
        .await
        .expect("a row");
    let summary = import.finish().await.expect("imported");
    let batch = summary.history_batch.expect("a batch");
    let confirmation = BatchConfirmation {
        evidence: Some(EvidenceUpload {
            file_name: "paper.pdf".into(),
            content: b"%PDF-1.4\n% paper\n".to_vec(),
        }),
        acknowledge_double_support: false,
    };
    app.confirm_history_batch(
        &actor(format!("seed.{tag}.two")).await,
        batch,
        &confirmation,
    )
    .await
    .expect("confirmed");
    batch
}

/// A course run in each county of the kits, with one session, by county.
struct Runs(Vec<(PlaceId, CourseRunId, SessionId, ProviderId)>);

impl Runs {
    fn of(&self, kit: &CountyKit) -> (CourseRunId, SessionId) {
        self.0
            .iter()
            .find(|(county, ..)| *county == kit.county)
            .map(|(_, run, session, _)| (*run, *session))
            .expect("a run in every kit's county")
    }

    fn provider_of(&self, kit: &CountyKit) -> ProviderId {
        self.0
            .iter()
            .find(|(county, ..)| *county == kit.county)
            .map(|(.., provider)| *provider)
            .expect("a provider in every kit's county")
    }
}

/// One course kind, a provider in each province and a run of one session in each county,
/// planned by a national expert of the seed (nobody of the matrix).
async fn seeded_runs(app: &TestApp, world: &ScopeWorld) -> Runs {
    app.create_user("seed.training", "national_expert", "ir")
        .await;
    let national = app
        .app
        .user_by_username("seed.training")
        .await
        .expect("read staff")
        .expect("staff exists")
        .actor();
    let kind = app
        .app
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "matrix-course".into(),
                name: "دوره‌ی ماتریس".into(),
                category: "life_skills".into(),
                hours: "8".into(),
                ..CourseKindInput::default()
            },
        )
        .await
        .expect("a course kind");
    let mut runs = Vec::new();
    for kit in world.kits() {
        let provider = app
            .app
            .add_provider(
                &national,
                &ProviderInput {
                    name: format!("مجری ماتریس {}", kit.county),
                    kind: "ngo".into(),
                    phone: String::new(),
                    province_id: Some(kit.province),
                },
            )
            .await
            .expect("a provider");
        let run = app
            .app
            .plan_course_run(
                &national,
                &RunInput {
                    code: format!("M-{}", kit.county),
                    course_kind_id: kind.to_string(),
                    provider_id: provider.to_string(),
                    county: kit.county.to_string(),
                    trainer_name: "مربی ماتریس".into(),
                    place: "سالن".into(),
                    capacity: "10".into(),
                    sessions: "1405/08/03".into(),
                    ..RunInput::default()
                },
            )
            .await
            .expect("a run");
        let view = app
            .app
            .course_run(&national, run, false)
            .await
            .expect("the run");
        runs.push((kit.county, run, view.sessions[0].id, provider));
    }
    Runs(runs)
}

/// A completed enrolment in each county of the kits, and a job plan for its woman with one
/// step (the course), by county.
struct Certificates(
    Vec<(
        PlaceId,
        EnrolmentId,
        (JobPlanId, JobPlanStepId),
        AssessmentId,
    )>,
);

impl Certificates {
    fn of(&self, kit: &CountyKit) -> EnrolmentId {
        self.0
            .iter()
            .find(|(county, ..)| *county == kit.county)
            .map(|(_, enrolment, ..)| *enrolment)
            .expect("a certificate in every kit's county")
    }

    fn plan_of(&self, kit: &CountyKit) -> (JobPlanId, JobPlanStepId) {
        self.0
            .iter()
            .find(|(county, ..)| *county == kit.county)
            .map(|(_, _, plan, _)| *plan)
            .expect("a job plan in every kit's county")
    }

    fn form_of(&self, kit: &CountyKit) -> AssessmentId {
        self.0
            .iter()
            .find(|(county, ..)| *county == kit.county)
            .map(|(.., form)| *form)
            .expect("an assessment form in every kit's county")
    }
}

/// A plan toward a job for the kit's woman, with her completed course as its one step.
async fn seeded_plan(
    app: &App,
    national: &Actor,
    kit: &CountyKit,
    enrolment: EnrolmentId,
) -> (JobPlanId, JobPlanStepId) {
    let plan = app
        .create_job_plan(
            national,
            kit.woman,
            &PlanInput {
                job_title: "خیاط".into(),
                planned_on: "1405/08/21".into(),
                ..PlanInput::default()
            },
        )
        .await
        .expect("a plan");
    let step = StepForm {
        step: StepInput {
            kind: "training".into(),
            ..StepInput::default()
        },
        enrolment_id: enrolment.to_string(),
        grant_id: String::new(),
    };
    let step = app
        .add_job_plan_step(national, plan, &step)
        .await
        .expect("a step");
    (plan, step)
}

/// In each county a run of one session that the kit's woman attended and completed, planned
/// and recorded by a national expert of the seed (nobody of the matrix), and her job plan.
async fn seeded_certificates(app: &TestApp, world: &ScopeWorld) -> Certificates {
    app.create_user("seed.certificates", "national_expert", "ir")
        .await;
    let national = app
        .app
        .user_by_username("seed.certificates")
        .await
        .expect("read staff")
        .expect("staff exists")
        .actor();
    let kind = app
        .app
        .add_course_kind(
            &national,
            &CourseKindInput {
                code: "matrix-certificate".into(),
                name: "دوره‌ی گواهی ماتریس".into(),
                category: "financial_literacy".into(),
                hours: "8".into(),
                ..CourseKindInput::default()
            },
        )
        .await
        .expect("a course kind");
    let mut certificates = Vec::new();
    for kit in world.kits() {
        let provider = app
            .app
            .add_provider(
                &national,
                &ProviderInput {
                    name: format!("مجری گواهی {}", kit.county),
                    kind: "ngo".into(),
                    phone: String::new(),
                    province_id: Some(kit.province),
                },
            )
            .await
            .expect("a provider");
        let run = app
            .app
            .plan_course_run(
                &national,
                &RunInput {
                    code: format!("C-{}", kit.county),
                    course_kind_id: kind.to_string(),
                    provider_id: provider.to_string(),
                    county: kit.county.to_string(),
                    trainer_name: "مربی ماتریس".into(),
                    place: "سالن".into(),
                    capacity: "10".into(),
                    sessions: "1405/08/03".into(),
                    ..RunInput::default()
                },
            )
            .await
            .expect("a run");
        app.app
            .enrol_women(&national, run, &kit.person.national_id, "1405/08/01")
            .await
            .expect("enrolled");
        let view = app
            .app
            .course_run(&national, run, false)
            .await
            .expect("the run");
        let enrolment = view.women[0].woman.enrolment.id;
        let present = MarkInput {
            enrolment_id: enrolment,
            mark: "present".into(),
        };
        app.app
            .record_attendance(&national, run, view.sessions[0].id, &[present])
            .await
            .expect("marked");
        let completion = CompletionInput {
            completed_on: "1405/08/20".into(),
            ..CompletionInput::default()
        };
        app.app
            .record_completion(&national, enrolment, &completion)
            .await
            .expect("completed");
        let plan = seeded_plan(&app.app, &national, kit, enrolment).await;
        let form = app
            .app
            .record_assessment(
                &national,
                kit.woman,
                &AssessmentInput {
                    instrument: "rosenberg".into(),
                    occasion: "baseline".into(),
                    taken_on: "1405/08/01".into(),
                    answers: vec![("q1".into(), "2".into())],
                    ..AssessmentInput::default()
                },
            )
            .await
            .expect("a baseline form");
        certificates.push((kit.county, enrolment, plan, form));
    }
    Certificates(certificates)
}

async fn user(app: &TestApp, role: Role) -> Visitor {
    let place = match span(role) {
        Span::Country => "ir",
        Span::Qazvin => "ir.qazvin",
        Span::Abyek => "ir.qazvin.abyek",
    };
    let tree = app.app.place_tree().await.expect("places");
    let username = format!("matrix.{}", role.as_str());
    let input = NewUserInput {
        username: username.clone(),
        display_name: format!("ماتریس {}", role.label_fa()),
        role: role.as_str().into(),
        scope_place_id: tree.by_code(place).expect("place").id.to_string(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    };
    app.app
        .create_user(&Actor::console(), &input)
        .await
        .expect("matrix user");
    let browser = app.browser();
    assert_eq!(browser.login(&username, PASSWORD).await.status, 303);
    let csrf = browser.get("/account").await.csrf_token().expect("a token");
    Visitor {
        role: Some(role),
        browser,
        csrf,
    }
}

/// An anonymous visitor with the token of the login form (double-submit cookie).
async fn anonymous(app: &TestApp) -> Visitor {
    let browser = app.browser();
    let csrf = browser.get("/login").await.csrf_token().expect("a token");
    Visitor {
        role: None,
        browser,
        csrf,
    }
}

/// An import job held by the province's first seeded expert (nobody of the matrix).
async fn seeded_job(app: &TestApp) -> String {
    let browser = app.browser();
    assert_eq!(browser.login("seed.qazvin.one", PASSWORD).await.status, 303);
    let file = reqwest::multipart::Part::bytes(b"national_id\n".to_vec()).file_name("w.csv");
    let upload = browser
        .upload_form("/women/import")
        .await
        .part("file", file)
        .text("mode", "dry_run");
    let response = browser.post_multipart("/women/import", upload).await;
    let location = response.location().expect("a job");
    location
        .strip_prefix("/women/import/jobs/")
        .expect("a job page")
        .to_owned()
}

async fn send(
    base_url: &str,
    visitor: &Visitor,
    route: &Route,
    (path, province): (&str, hamyar_app::access::PlaceId),
) -> Page {
    let (browser, csrf) = (&visitor.browser, visitor.csrf.as_str());
    let url = format!("{base_url}{path}");
    let province = province.to_string();
    let client = browser.client();
    let request = if route.method == "GET" {
        client.get(url)
    } else {
        let request = client.post(url).header("X-CSRF-Token", csrf);
        match route.body {
            Body::Form(fields) => {
                let fields: Vec<(&str, String)> = fields
                    .iter()
                    .map(|(name, value)| (*name, value.replace("{province}", &province)))
                    .collect();
                request.form(&fields)
            }
            Body::Multipart(fields) => {
                let mut form = reqwest::multipart::Form::new();
                for (name, value) in fields {
                    form = form.text(*name, *value);
                }
                request.multipart(form)
            }
        }
    };
    Browser::read_response(request.send().await.expect("request")).await
}

/// The length of the audit trail: every change appends to it.
async fn audit_length(app: &App) -> i64 {
    app.verify_audit().await.expect("audit").last_seq
}

/// One cell to run.
struct Cell<'a> {
    route: &'a Route,
    role: Option<Role>,
    target: Target,
}

fn cells(role: Option<Role>) -> Vec<Cell<'static>> {
    let mut cells = Vec::new();
    for route in ROUTES {
        let targets: &[Target] = if route.record == R::None {
            &[Target::OwnCounty]
        } else {
            &TARGETS
        };
        for target in targets {
            cells.push(Cell {
                route,
                role,
                target: *target,
            });
        }
    }
    cells
}

fn describe(cell: &Cell, path: &str) -> String {
    let who = cell.role.map_or("anonymous", |r| r.as_str());
    format!("{} {path} as {who} ({:?})", cell.route.method, cell.target)
}

/// Runs the cells of one user (or the anonymous visitor) and returns the mismatches.
async fn run_cells(shared: &Shared, visitor: &Visitor, phase: Phase) -> Vec<String> {
    let (world, role) = (&shared.world, visitor.role);
    let mut problems = Vec::new();
    for cell in cells(role) {
        let expected = match role {
            Some(role) => expected(cell.route, role, cell.target),
            None => cell.route.anonymous,
        };
        let refusal = matches!(expected, Status(403) | Status(404) | Login);
        let skipped = role.is_some_and(|role| {
            cell.route.only.is_some_and(|only| only != role) && cell.route.roles.contains(&role)
        });
        let send_it = !skipped
            && match phase {
                Phase::Reads => cell.route.method == "GET",
                Phase::Refusals => cell.route.method == "POST" && refusal,
                Phase::Probes => {
                    cell.route.method == "POST" && !refusal && (role.is_none() || cell.route.probe)
                }
            };
        if !send_it {
            continue;
        }
        let kit = kit(world, cell.target);
        let path = fill(
            cell.route,
            kit,
            (
                &shared.job,
                &shared.batches,
                &shared.certificates,
                &shared.runs,
            ),
        );
        let page = send(&shared.base_url, visitor, cell.route, (&path, kit.province)).await;
        if !matches(expected, &page) {
            problems.push(format!(
                "{}: expected {expected:?}, got {} {}",
                describe(&cell, &path),
                page.status,
                page.location().unwrap_or("")
            ));
        }
        if let (Some(role), 200) = (role, page.status) {
            for leak in leaks(role, world, &page) {
                problems.push(format!("{} shows {leak}", describe(&cell, &path)));
            }
        }
    }
    problems
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Every GET.
    Reads,
    /// Every POST that must be refused.
    Refusals,
    /// POSTs allowed users are probed with, and anonymous POSTs that are not refusals.
    Probes,
}

/// Every route of the router has exactly one entry, and every entry is a route.
fn table_covers_the_router() -> Vec<String> {
    let mut problems = Vec::new();
    let api_operations = hamyar_web::api::route_table();
    let routes: Vec<_> = route_table()
        .into_iter()
        .filter(|(method, path)| {
            path == "/api/v1/openapi.json"
                || !api_operations.iter().any(|(m, p)| m == method && p == path)
        })
        .collect();
    for (method, path) in &routes {
        let entries = ROUTES
            .iter()
            .filter(|r| r.method == method.as_str() && r.path == *path)
            .count();
        if entries != 1 {
            problems.push(format!(
                "{method} {path} has {entries} entries in ROUTES (add exactly one)"
            ));
        }
    }
    for route in ROUTES {
        if !routes
            .iter()
            .any(|(m, p)| m.as_str() == route.method && *p == route.path)
        {
            problems.push(format!(
                "{} {} is in ROUTES but not in the router",
                route.method, route.path
            ));
        }
    }
    problems
}

/// A method a path does not answer is refused as if the path were not there: 405 from the
/// operations routes, and the app's 404 page for pages (`ErrorPage::for_status` draws 405
/// as «not found»), for a logged-in user with a valid token.
async fn other_methods_are_refused(shared: &Shared, admin: &Visitor) -> Vec<String> {
    let mut problems = Vec::new();
    let routes = route_table();
    let mut seen = std::collections::HashSet::new();
    for route in ROUTES {
        let other = if route.method == "GET" { "POST" } else { "GET" };
        if !seen.insert(route.path)
            || routes
                .iter()
                .any(|(m, p)| m.as_str() == other && *p == route.path)
        {
            continue;
        }
        let probe = Route {
            method: other,
            body: Body::Form(&[]),
            ..*route
        };
        let world = &shared.world;
        let path = fill(
            &probe,
            &world.abyek,
            (
                &shared.job,
                &shared.batches,
                &shared.certificates,
                &shared.runs,
            ),
        );
        let page = send(&shared.base_url, admin, &probe, (&path, world.qazvin)).await;
        if !matches!(page.status, 404 | 405) {
            problems.push(format!(
                "{other} {path}: expected 404 or 405, got {}",
                page.status
            ));
        }
    }
    problems
}

async fn every_route_answers_every_role_as_the_table_says(db: TestDatabase) {
    let problems = table_covers_the_router();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let world = scope_world(&app.app).await;
    let job = seeded_job(&app).await;
    let batches = Batches {
        qazvin: (world.qazvin, seeded_batch(&app.app, "qazvin").await),
        tehran: (world.tehran, seeded_batch(&app.app, "tehran").await),
    };
    let certificates = seeded_certificates(&app, &world).await;
    let runs = seeded_runs(&app, &world).await;
    let mut visitors = Vec::new();
    for role in Role::ALL {
        visitors.push(Arc::new(user(&app, role).await));
    }
    visitors.push(Arc::new(anonymous(&app).await));
    let shared = Arc::new(Shared {
        base_url: app.base_url.clone(),
        world,
        job,
        batches,
        certificates,
        runs,
    });
    let mut problems = Vec::new();
    for phase in [Phase::Reads, Phase::Refusals, Phase::Probes] {
        let before = audit_length(&app.app).await;
        // Each visitor's cells in a task of its own: the server is shared, the cookies not.
        let mut tasks = tokio::task::JoinSet::new();
        for visitor in &visitors {
            let (shared, visitor) = (shared.clone(), visitor.clone());
            tasks.spawn(async move { run_cells(&shared, &visitor, phase).await });
        }
        while let Some(found) = tasks.join_next().await {
            problems.extend(found.expect("a visitor's cells"));
        }
        if phase == Phase::Refusals {
            let after = audit_length(&app.app).await;
            if after != before {
                problems.push(format!(
                    "refused requests changed the audit trail ({before} → {after} rows)"
                ));
            }
        }
    }
    problems.extend(other_methods_are_refused(&shared, &visitors[0]).await);
    problems.sort();
    assert!(
        problems.is_empty(),
        "{} cells differ from the table:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_every_route_answers_every_role_as_the_table_says() {
    every_route_answers_every_role_as_the_table_says(TestDatabase::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_every_route_answers_every_role_as_the_table_says() {
    if let Some(db) = TestDatabase::postgres().await {
        every_route_answers_every_role_as_the_table_says(db).await;
    }
}
