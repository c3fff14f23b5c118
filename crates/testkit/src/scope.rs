//! Two provinces' worth of records for the authorization tests: Qazvin with Abyek and
//! Takestan, and Tehran with its county Shemiranat. Each of the three
//! counties gets the same kit — a woman with a child and a likely duplicate (Takestan's
//! pairs with Abyek's woman, across the county line), a group with her
//! as a member and a visit with an open request, a county training line and grant line, a
//! proposed payment linked to the group and the woman with an evidence file, a proposed grant
//! to the group, and a staff account — so that every `{id}` of a route can be filled with a
//! record of a user's own county, another county of her province, and another province.
//! Qazvin also has a payment on its undivided training line that is for women and groups of
//! both its counties, and an approved grant on its undivided grant line to Takestan's woman
//! whose purpose names her: the records that cross county lines.
//!
//! Every name is distinctive (no name of one county is a part of another county's), so a
//! test can search a page for the people it must not show. Everything is written through the app's use-cases, so it is
//! scoped, validated and audited as if typed.

use hamyar_app::access::PlaceId;
use hamyar_app::budget::YearBudgetInput;
use hamyar_app::grants::{ApprovalInput, GrantInput};
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::grants::{GrantId, TrancheId};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::spending::{EvidenceId, PaymentId};
use hamyar_app::spending::{EvidenceUpload, PaymentInput};
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{GrantFormInput, TrancheFormInput};
use hamyar_domain::group_life::VisitInput;
use hamyar_domain::groups::{GroupInput, JoinInput};
use hamyar_domain::registry::{MemberInput, WomanInput};

use crate::PASSWORD;
use crate::fixtures::place;

/// The evidence file every seeded payment carries.
pub const EVIDENCE_PDF: &[u8] = b"%PDF-1.4\n% scope world evidence\n";

/// The SHEBA every seeded woman has (a valid one; only its masking matters).
pub const SHEBA: &str = "IR820540102680020817909002";

/// A person the tests search pages for: her name and identifiers as stored.
#[derive(Debug, Clone)]
pub struct Person {
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub national_id: String,
    pub mobile: String,
    pub address: &'static str,
}

/// What one county holds.
#[derive(Debug, Clone)]
pub struct CountyKit {
    pub province: PlaceId,
    pub county: PlaceId,
    pub woman: WomanId,
    pub person: Person,
    /// Her child, in her household.
    pub household_member: i64,
    pub child: Person,
    /// A second woman with the same mobile as her (in Takestan: as Abyek's woman), and the
    /// duplicate finding that pairs them.
    pub second_woman: WomanId,
    pub second_person: Person,
    pub duplicate: i64,
    pub group: GroupId,
    pub group_name: &'static str,
    pub group_code: &'static str,
    pub membership: i64,
    pub visit: i64,
    pub request: i64,
    pub training_line: BudgetLineId,
    pub grant_line: BudgetLineId,
    pub payment: PaymentId,
    pub evidence: EvidenceId,
    pub grant: GrantId,
    pub tranche: TrancheId,
    /// A social worker of the county, who registered its women and formed its group.
    pub staff_user: hamyar_app::access::UserId,
    pub staff_name: &'static str,
}

/// The whole world.
#[derive(Debug, Clone)]
pub struct ScopeWorld {
    pub qazvin: PlaceId,
    pub tehran: PlaceId,
    /// Abyek (the tests' own county), Takestan (another county of Qazvin), Shemiranat
    /// (Tehran).
    pub abyek: CountyKit,
    pub takestan: CountyKit,
    pub shemiranat: CountyKit,
    /// Qazvin's undivided lines.
    pub qazvin_training_line: BudgetLineId,
    pub qazvin_grant_line: BudgetLineId,
    /// On Qazvin's undivided training line, for Abyek's and Takestan's groups and women,
    /// with an evidence file; approved.
    pub shared_payment: PaymentId,
    pub shared_evidence: EvidenceId,
    /// On Qazvin's undivided grant line, to Takestan's woman, naming her in its purpose;
    /// approved.
    pub shared_grant: GrantId,
    pub shared_grant_purpose: &'static str,
    /// The staff who proposed and approved, by display name.
    pub staff_names: Vec<&'static str>,
}

impl ScopeWorld {
    pub fn kits(&self) -> [&CountyKit; 3] {
        [&self.abyek, &self.takestan, &self.shemiranat]
    }
}

/// The fixed names of one county's kit.
struct KitNames {
    code: &'static str,
    tag: &'static str,
    woman: (&'static str, &'static str),
    child: (&'static str, &'static str),
    second: (&'static str, &'static str),
    address: &'static str,
    group: (&'static str, &'static str),
    staff: &'static str,
    /// This county's national IDs are `serial × 10 + n` with a check digit; its mobile
    /// ends in the serial's last seven digits.
    serial: u32,
    /// The serial whose mobile the second woman shares: this county's, or another's (a
    /// likely duplicate across a county line).
    second_mobile: u32,
}

/// Nine digits and their check digit: a valid national ID.
pub fn national_id(body: u32) -> String {
    let body = format!("{body:09}");
    let sum: u32 = body
        .bytes()
        .zip((2..=10).rev())
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    let remainder = sum % 11;
    let check = if remainder < 2 {
        remainder
    } else {
        11 - remainder
    };
    format!("{body}{check}")
}

async fn staff(app: &App, username: &str, display: &str, role: &str, place_id: PlaceId) -> Actor {
    let input = NewUserInput {
        username: username.into(),
        display_name: display.into(),
        role: role.into(),
        scope_place_id: place_id.to_string(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    };
    app.create_user(&Actor::console(), &input)
        .await
        .expect("create staff");
    app.user_by_username(username)
        .await
        .expect("read staff")
        .expect("staff exists")
        .actor()
}

fn budget(province: PlaceId, county: Option<PlaceId>, amount: &str, key: &str) -> YearBudgetInput {
    YearBudgetInput {
        fiscal_year: 1405,
        province_id: province,
        county_id: county,
        amounts: vec![
            (BudgetCategory::Training, amount.into()),
            (BudgetCategory::Grant, amount.into()),
        ],
        effective_on: "1405/01/15".into(),
        description: String::new(),
        idempotency_key: key.into(),
    }
}

/// The ids of the training and grant lines at a place (the province's undivided lines when
/// `county` is `None`).
async fn lines(
    app: &App,
    province: PlaceId,
    county: Option<PlaceId>,
) -> (BudgetLineId, BudgetLineId) {
    let views = app
        .budget_lines(
            &Actor::console(),
            FiscalYear::new(1405).expect("year"),
            Some(province),
            None,
        )
        .await
        .expect("lines");
    let find = |category| {
        views
            .iter()
            .find(|v| v.category == category && v.line.county_id == county)
            .map(|v| v.line.id)
            .expect("line")
    };
    (find(BudgetCategory::Training), find(BudgetCategory::Grant))
}

fn woman_input(person: &Person) -> WomanInput {
    WomanInput {
        national_id: person.national_id.clone(),
        first_name: person.first_name.into(),
        last_name: person.last_name.into(),
        birth_date: "1360/01/01".into(),
        mobile: person.mobile.clone(),
        settlement: "urban".into(),
        locality: "مرکز".into(),
        address: person.address.into(),
        sheba: SHEBA.into(),
        headship_cause: "widow".into(),
        ..WomanInput::default()
    }
}

fn evidence(name: &str) -> Option<EvidenceUpload> {
    Some(EvidenceUpload {
        file_name: name.into(),
        content: EVIDENCE_PDF.to_vec(),
    })
}

fn one_tranche(purpose: &str) -> GrantFormInput {
    GrantFormInput {
        purpose: purpose.into(),
        total: "10000000".into(),
        tranches: vec![TrancheFormInput {
            amount: "10000000".into(),
            planned_on: "1405/10/01".into(),
            conditions: Vec::new(),
            visit_days: String::new(),
            training_share: String::new(),
        }],
    }
}

/// The people of a county: the woman, her child, and the second woman sharing her mobile.
fn mobile(serial: u32) -> String {
    format!("0912{:07}", serial % 10_000_000)
}

fn people(names: &KitNames) -> (Person, Person, Person) {
    let mobile = mobile(names.serial);
    let woman = Person {
        first_name: names.woman.0,
        last_name: names.woman.1,
        national_id: national_id(names.serial * 10 + 1),
        mobile: mobile.clone(),
        address: names.address,
    };
    let child = Person {
        first_name: names.child.0,
        last_name: names.child.1,
        national_id: national_id(names.serial * 10 + 2),
        mobile: String::new(),
        address: "",
    };
    let second = Person {
        first_name: names.second.0,
        last_name: names.second.1,
        national_id: national_id(names.serial * 10 + 3),
        mobile: self::mobile(names.second_mobile),
        address: names.address,
    };
    (woman, child, second)
}

/// Registers the county's women; returns (woman, her child's member id, second woman,
/// duplicate id).
async fn register(
    app: &App,
    worker: &Actor,
    county: PlaceId,
    people: &(Person, Person, Person),
) -> (WomanId, i64, WomanId, i64) {
    let (woman, child, second) = people;
    let child_input = MemberInput {
        first_name: child.first_name.into(),
        last_name: child.last_name.into(),
        relation: "child".into(),
        birth_date: "1390/01/01".into(),
        national_id: child.national_id.clone(),
        ..MemberInput::default()
    };
    let woman_id = app
        .register_woman(
            worker,
            &county.to_string(),
            &woman_input(woman),
            &[child_input],
        )
        .await
        .expect("register woman")
        .id;
    let second_id = app
        .register_woman(worker, &county.to_string(), &woman_input(second), &[])
        .await
        .expect("register second woman")
        .id;
    let member = app
        .open_woman(&Actor::console(), woman_id)
        .await
        .expect("open file")
        .members[0]
        .id;
    let duplicate = app
        .duplicate_queue(&Actor::console(), Some("open"), 1000, 0)
        .await
        .expect("duplicates")
        .into_iter()
        .find(|d| [d.woman_id, d.other_id].contains(&second_id))
        .expect("a duplicate finding")
        .id;
    (woman_id, member, second_id, duplicate)
}

/// Forms the county's group with the woman in it and a visit with one open request; returns
/// (group, membership, visit, request).
async fn form_group(
    app: &App,
    worker: &Actor,
    county: PlaceId,
    names: &KitNames,
    woman: &Person,
) -> (GroupId, i64, i64, i64) {
    let group = app
        .create_group(
            worker,
            &GroupInput {
                code: names.group.1.into(),
                name: names.group.0.into(),
                county: county.to_string(),
                business_field: "tailoring".into(),
                premises: "rented".into(),
                identified_on: "1405/01/20".into(),
                ..GroupInput::default()
            },
        )
        .await
        .expect("group");
    let membership = app
        .add_group_member(
            worker,
            group,
            &JoinInput {
                national_id: woman.national_id.clone(),
                role: "member".into(),
                joined_on: "1405/02/01".into(),
            },
        )
        .await
        .expect("member");
    let visit = app
        .record_visit(
            worker,
            group,
            &VisitInput {
                visited_on: "1405/08/01".into(),
                purpose: "پایش".into(),
                findings: "کارگاه فعال است".into(),
                requests: vec!["درخواست آموزش بازاریابی".into()],
                ..VisitInput::default()
            },
        )
        .await
        .expect("visit");
    let life = app
        .group_life(&Actor::console(), group, false)
        .await
        .expect("group life");
    let request = life.visits[0].requests[0].id;
    (group, membership, visit, request)
}

/// The province's two staff members who propose and approve.
struct ProvinceStaff {
    proposer: Actor,
    approver: Actor,
}

async fn county_kit(
    app: &App,
    province: PlaceId,
    county: PlaceId,
    names: &KitNames,
    province_staff: &ProvinceStaff,
) -> CountyKit {
    let worker = staff(
        app,
        &format!("seed.{}.worker", names.tag),
        names.staff,
        "social_worker",
        county,
    )
    .await;
    let staff_user = worker.user_id.expect("a user");
    let people = people(names);
    let (woman, household_member, second_woman, duplicate) =
        register(app, &worker, county, &people).await;
    let (group, membership, visit, request) =
        form_group(app, &worker, county, names, &people.0).await;
    app.set_year_budget(
        &province_staff.proposer,
        &budget(
            province,
            Some(county),
            "100000000",
            &format!("{}.budget", names.tag),
        ),
    )
    .await
    .expect("county budget");
    let (training_line, grant_line) = lines(app, province, Some(county)).await;
    let payment = app
        .propose_payment(
            &province_staff.proposer,
            &PaymentInput {
                budget_line_id: training_line,
                payee: format!("آموزشگاه {}", names.tag),
                payee_kind: "course_provider".into(),
                amount: "5000000".into(),
                spent_on: "1405/08/01".into(),
                description: "دورهٔ خیاطی".into(),
                group_codes: names.group.1.into(),
                woman_national_ids: people.0.national_id.clone(),
                evidence: evidence("invoice.pdf"),
                idempotency_key: format!("{}.payment", names.tag),
                ..PaymentInput::default()
            },
        )
        .await
        .expect("payment");
    let evidence_id = app
        .payment(&Actor::console(), payment)
        .await
        .expect("payment view")
        .evidence[0]
        .id;
    let grant = app
        .propose_grant(
            &province_staff.proposer,
            &GrantInput {
                line_id: grant_line.to_string(),
                group_id: group.to_string(),
                national_id: String::new(),
                form: one_tranche("سرمایهٔ کار"),
            },
        )
        .await
        .expect("grant");
    let tranche = app
        .grant_detail(&Actor::console(), grant, false)
        .await
        .expect("grant detail")
        .tranches[0]
        .row
        .id;
    CountyKit {
        province,
        county,
        woman,
        person: people.0,
        household_member,
        child: people.1,
        second_woman,
        second_person: people.2,
        duplicate,
        group,
        group_name: names.group.0,
        group_code: names.group.1,
        membership,
        visit,
        request,
        training_line,
        grant_line,
        payment,
        evidence: evidence_id,
        grant,
        tranche,
        staff_user,
        staff_name: names.staff,
    }
}

async fn province_staff(
    app: &App,
    tag: &str,
    province: PlaceId,
    names: (&str, &str),
) -> ProvinceStaff {
    ProvinceStaff {
        proposer: staff(
            app,
            &format!("seed.{tag}.one"),
            names.0,
            "provincial_expert",
            province,
        )
        .await,
        approver: staff(
            app,
            &format!("seed.{tag}.two"),
            names.1,
            "provincial_expert",
            province,
        )
        .await,
    }
}

const ABYEK: KitNames = KitNames {
    code: "ir.qazvin.abyek",
    tag: "abyek",
    woman: ("ماهرخ", "سپیدانی"),
    child: ("بردیا", "سپیدانی‌پور"),
    second: ("گلاره", "آبشناسی"),
    address: "کوچهٔ اقاقیای آبیک",
    group: ("یاس‌بنفش", "YAS-1"),
    staff: "سیمین آبیک‌کار",
    serial: 10_000_001,
    second_mobile: 10_000_001,
};

const TAKESTAN: KitNames = KitNames {
    code: "ir.qazvin.takestan",
    tag: "takestan",
    woman: ("نسترن", "کوهساری"),
    child: ("کاوه", "کوهساری‌نیا"),
    second: ("شیدا", "تاکنژادی"),
    address: "کوچهٔ سروناز تاکستان",
    group: ("نیلوفرآبی", "NIL-1"),
    staff: "رعنا تاکستان‌کار",
    serial: 20_000_002,
    second_mobile: ABYEK.serial,
};

const SHEMIRANAT: KitNames = KitNames {
    code: "ir.tehran.shemiranat",
    tag: "shemiranat",
    woman: ("ژیلا", "دریاکناری"),
    child: ("آرش", "دریاکناری‌فر"),
    second: ("ترانه", "شمرانی‌زاده"),
    address: "کوچهٔ ارغوان شمیران",
    group: ("شقایق‌کوهی", "SHQ-1"),
    staff: "لادن شمیران‌کار",
    serial: 30_000_003,
    second_mobile: 30_000_003,
};

const QAZVIN_STAFF: (&str, &str) = ("فرنگیس ستادنشین", "پروانه حسابرسی‌نژاد");
const TEHRAN_STAFF: (&str, &str) = ("منیژه تهرانی‌کار", "مهوش پایتخت‌یار");

/// Builds the world on `app` (see the module documentation). Tehran's county Shemiranat is
/// one of the reference counties (`crates/app/reference/counties.csv`).
pub async fn scope_world(app: &App) -> ScopeWorld {
    let qazvin = place(app, "ir.qazvin").await;
    let tehran = place(app, "ir.tehran").await;
    let q = province_staff(app, "qazvin", qazvin, QAZVIN_STAFF).await;
    let t = province_staff(app, "tehran", tehran, TEHRAN_STAFF).await;
    app.set_year_budget(&q.proposer, &budget(qazvin, None, "500000000", "q.budget"))
        .await
        .expect("Qazvin budget");
    app.set_year_budget(&t.proposer, &budget(tehran, None, "500000000", "t.budget"))
        .await
        .expect("Tehran budget");
    let abyek = county_kit(app, qazvin, place(app, ABYEK.code).await, &ABYEK, &q).await;
    let takestan = county_kit(app, qazvin, place(app, TAKESTAN.code).await, &TAKESTAN, &q).await;
    let shemiranat = county_kit(
        app,
        tehran,
        place(app, SHEMIRANAT.code).await,
        &SHEMIRANAT,
        &t,
    )
    .await;
    let (qazvin_training_line, qazvin_grant_line) = lines(app, qazvin, None).await;
    let (shared_payment, shared_evidence) =
        shared_payment(app, &q, qazvin_training_line, &abyek, &takestan).await;
    let shared_grant_purpose = "چرخ خیاطی برای نسترن کوهساری";
    let shared_grant =
        shared_grant(app, &q, qazvin_grant_line, &takestan, shared_grant_purpose).await;
    ScopeWorld {
        qazvin,
        tehran,
        staff_names: vec![
            QAZVIN_STAFF.0,
            QAZVIN_STAFF.1,
            TEHRAN_STAFF.0,
            TEHRAN_STAFF.1,
            abyek.staff_name,
            takestan.staff_name,
            shemiranat.staff_name,
        ],
        abyek,
        takestan,
        shemiranat,
        qazvin_training_line,
        qazvin_grant_line,
        shared_payment,
        shared_evidence,
        shared_grant,
        shared_grant_purpose,
    }
}

/// A payment on Qazvin's undivided line for both counties' groups and women, approved.
async fn shared_payment(
    app: &App,
    q: &ProvinceStaff,
    line: BudgetLineId,
    abyek: &CountyKit,
    takestan: &CountyKit,
) -> (PaymentId, EvidenceId) {
    let payment = app
        .propose_payment(
            &q.proposer,
            &PaymentInput {
                budget_line_id: line,
                payee: "آموزشگاه استانی".into(),
                payee_kind: "course_provider".into(),
                amount: "20000000".into(),
                spent_on: "1405/08/10".into(),
                description: "دورهٔ استانی برای دو شهرستان".into(),
                group_codes: format!("{} {}", abyek.group_code, takestan.group_code),
                woman_national_ids: format!(
                    "{} {}",
                    abyek.person.national_id, takestan.person.national_id
                ),
                evidence: evidence("attendance.pdf"),
                idempotency_key: "qazvin.shared.payment".into(),
                ..PaymentInput::default()
            },
        )
        .await
        .expect("shared payment");
    app.approve_payment(&q.approver, payment, "")
        .await
        .expect("approve the shared payment");
    let evidence = app
        .payment(&Actor::console(), payment)
        .await
        .expect("payment view")
        .evidence[0]
        .id;
    (payment, evidence)
}

/// A grant on Qazvin's undivided grant line to Takestan's woman, approved.
async fn shared_grant(
    app: &App,
    q: &ProvinceStaff,
    line: BudgetLineId,
    takestan: &CountyKit,
    purpose: &str,
) -> GrantId {
    let grant = app
        .propose_grant(
            &q.proposer,
            &GrantInput {
                line_id: line.to_string(),
                group_id: String::new(),
                national_id: takestan.person.national_id.clone(),
                form: one_tranche(purpose),
            },
        )
        .await
        .expect("shared grant");
    let tranche = app
        .grant_detail(&Actor::console(), grant, false)
        .await
        .expect("grant detail")
        .tranches[0]
        .row
        .id;
    app.approve_tranche(&q.approver, tranche, &ApprovalInput::default())
        .await
        .expect("approve the shared grant");
    grant
}
