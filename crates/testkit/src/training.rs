//! Courses completed for tests whose subject is something else — a grant whose condition
//! "training completed" rests on the members' completion records. Everything goes through
//! the training use-cases a county's coordinator uses (catalogue, provider, run, enrolment
//! of the whole group, one sheet a session, completion), by a national expert of the
//! fixtures' own (`n.trainer`), so a test states only who completed and when.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::training::{CourseRunId, EnrolmentId};
use hamyar_app::training::{CompletionInput, CourseKindInput, MarkInput, ProviderInput, RunInput};
use hamyar_app::{Actor, App};

use crate::fixtures::user;

/// The course every fixture run teaches.
const KIND_CODE: &str = "business-planning-fixture";

/// A run the whole group was enrolled in, every session attended by every woman.
pub struct Course {
    pub run: CourseRunId,
    /// The enrolments, in the run's order (Persian order of last and first name), with each
    /// woman's national ID.
    pub women: Vec<(String, EnrolmentId)>,
}

impl Course {
    /// The enrolment of the woman with this national ID.
    pub fn enrolment_of(&self, national_id: &str) -> EnrolmentId {
        self.women
            .iter()
            .find(|(id, _)| id == national_id)
            .map(|(_, enrolment)| *enrolment)
            .unwrap_or_else(|| panic!("{national_id} is not enrolled"))
    }
}

/// The fixtures' trainer: a national expert, who may keep the catalogue and run courses.
async fn trainer(app: &App) -> Actor {
    match app.user_by_username("n.trainer").await.expect("read user") {
        Some(row) => row.actor(),
        None => user(app, "n.trainer", "national_expert", "ir").await,
    }
}

async fn course_kind(app: &App, trainer: &Actor) -> String {
    let kinds = app.course_kinds(trainer, true).await.expect("course kinds");
    if let Some(kind) = kinds.iter().find(|kind| kind.code == KIND_CODE) {
        return kind.id.to_string();
    }
    let input = CourseKindInput {
        code: KIND_CODE.into(),
        name: "برنامه‌ریزی کسب‌وکار".into(),
        name_en: "Business planning".into(),
        category: "business_planning".into(),
        skill_standard_code: String::new(),
        hours: "12".into(),
        min_attendance_percent: String::new(),
        final_assessment: false,
    };
    let id = app
        .add_course_kind(trainer, &input)
        .await
        .expect("course kind");
    id.to_string()
}

/// Plans run `code` in `county` with sessions on `days` (Jalali, none after today), enrols
/// the group's members of the first day and marks each of them present at every session.
pub async fn attend_course(
    app: &App,
    group: GroupId,
    county: PlaceId,
    code: &str,
    days: &[&str],
) -> Course {
    let trainer = trainer(app).await;
    let tree = app.place_tree().await.expect("places");
    let province = tree.get(county).and_then(|place| place.parent_id);
    let provider = app
        .add_provider(
            &trainer,
            &ProviderInput {
                name: format!("آموزشگاه {code}"),
                kind: "institute".into(),
                phone: String::new(),
                province_id: province,
            },
        )
        .await
        .expect("provider");
    let run = app
        .plan_course_run(
            &trainer,
            &RunInput {
                code: code.into(),
                course_kind_id: course_kind(app, &trainer).await,
                provider_id: provider.to_string(),
                county: county.to_string(),
                budget_line_id: String::new(),
                trainer_name: "خانم کاظمی".into(),
                place: "سالن بهزیستی".into(),
                online: false,
                capacity: "40".into(),
                sessions: days.join("\n"),
                session_hours: String::new(),
            },
        )
        .await
        .expect("plan run");
    app.enrol_group(&trainer, run, group, days[0])
        .await
        .expect("enrol the group");
    let view = app.course_run(&trainer, run, false).await.expect("run");
    for session in &view.sessions {
        let marks: Vec<MarkInput> = view
            .women
            .iter()
            .map(|woman| MarkInput {
                enrolment_id: woman.woman.enrolment.id,
                mark: "present".into(),
            })
            .collect();
        app.record_attendance(&trainer, run, session.id, &marks)
            .await
            .expect("attendance");
    }
    Course {
        run,
        women: view
            .women
            .iter()
            .map(|woman| (woman.woman.national_id.clone(), woman.woman.enrolment.id))
            .collect(),
    }
}

/// Records the enrolment's completion on `on` (Jalali, from the run's last session to today).
pub async fn complete(app: &App, enrolment: EnrolmentId, on: &str) {
    let trainer = trainer(app).await;
    let input = CompletionInput {
        completed_on: on.into(),
        ..CompletionInput::default()
    };
    app.record_completion(&trainer, enrolment, &input)
        .await
        .expect("completion");
}

/// The whole group attends run `code` (three sessions in early Mehr 1405) and every woman of
/// it completes on 1405/07/10.
pub async fn train_group(app: &App, group: GroupId, county: PlaceId, code: &str) -> Course {
    let days = ["1405/07/01", "1405/07/03", "1405/07/05"];
    let course = attend_course(app, group, county, code, &days).await;
    for (_, enrolment) in &course.women {
        complete(app, *enrolment, "1405/07/10").await;
    }
    course
}
