//! Hamyar's certificate of course completion (issue 18): one completed enrolment as
//! `App::certificate` gives it (which needs the run in the reader's scope and her personal
//! data permission, and audits the print as `training.certificate`) — the sentence that
//! certifies her, the course's particulars (kind, hours, skill standard, run, provider,
//! dates, the national skill certificate's number when issued), the code it is checked
//! with and the public address where anyone can check it, and places for the provider and
//! the county's training coordinator to sign.

use hamyar_app::places::Place;
use hamyar_app::training::CertificateFacts;
use hamyar_domain::training::CourseCategory;
use hamyar_pdf::{Block, Field, ReportDocument};

use super::Printing;
use crate::format::label_of;

/// The certificate of `facts`, on `province`'s letterhead; `verify_address` is where the
/// public check is (`/verify` on the public base URL, or the path alone).
pub fn training_certificate(
    facts: &CertificateFacts,
    province: &Place,
    verify_address: &str,
    printing: &Printing<'_>,
) -> ReportDocument {
    let lang = printing.lang;
    let mut document = printing.document(
        Some(province),
        lang.t("training-certificates-title").to_owned(),
    );
    // The code stays in Latin letters and digits: it is typed back as printed.
    let code = left_to_right(&facts.certificate_code);
    document
        .corner
        .push(printing.labelled("training-certificates-code", &code));
    let name = format!("{} {}", facts.first_name, facts.last_name);
    let course = if lang.is_english() && !facts.course_name_en.trim().is_empty() {
        facts.course_name_en.as_str()
    } else {
        facts.course_name.as_str()
    };
    let national_id = lang.digits(&facts.national_id);
    let hours = printing.number(facts.hours);
    let completed_on = printing.date(facts.completed_on);
    document.blocks.push(Block::Paragraph(lang.tr(
        "training-certificates-text",
        &[
            ("name", name.as_str().into()),
            ("national_id", national_id.as_str().into()),
            ("course", course.into()),
            ("hours", hours.as_str().into()),
            ("completed_on", completed_on.as_str().into()),
        ],
    )));
    document
        .blocks
        .push(Block::Fields(particulars(facts, course, printing)));
    document.blocks.push(Block::Paragraph(lang.tr(
        "training-certificates-check",
        &[
            ("address", left_to_right(verify_address).as_str().into()),
            ("code", code.as_str().into()),
        ],
    )));
    document.blocks.push(Block::Signatures(vec![
        lang.t("training-certificates-signature-provider")
            .to_owned(),
        lang.t("training-certificates-signature-coordinator")
            .to_owned(),
    ]));
    document
}

/// Latin text kept in its own order inside a right-to-left line (an isolate): without it
/// `/verify` is drawn as `verify/`.
fn left_to_right(text: &str) -> String {
    format!("\u{2066}{text}\u{2069}")
}

fn particulars(facts: &CertificateFacts, course: &str, printing: &Printing<'_>) -> Vec<Field> {
    let lang = printing.lang;
    let field = |label_id: &str, value: String| Field::new(lang.t(label_id), value);
    let mut fields = vec![
        field(
            "training-certificates-name",
            format!("{} {}", facts.first_name, facts.last_name),
        ),
        field(
            "training-certificates-national_id",
            lang.digits(&facts.national_id),
        ),
        field("training-certificates-course", course.to_owned()),
        field(
            "training-certificates-category",
            label_of::<CourseCategory>(&facts.category, lang),
        ),
    ];
    if let Some(code) = facts.skill_standard_code.as_deref() {
        fields.push(field(
            "training-certificates-skill_standard",
            lang.digits(code),
        ));
    }
    fields.extend([
        field("training-certificates-hours", printing.number(facts.hours)),
        field("training-certificates-run", lang.digits(&facts.run_code)),
        field(
            "training-certificates-provider",
            facts.provider_name.clone(),
        ),
        field(
            "training-certificates-dates",
            lang.tr(
                "training-certificates-span",
                &[
                    ("from", printing.date(facts.starts_on).as_str().into()),
                    ("to", printing.date(facts.ends_on).as_str().into()),
                ],
            ),
        ),
        field(
            "training-certificates-completed_on",
            printing.date(facts.completed_on),
        ),
    ]);
    if let Some(number) = facts.skill_certificate_no.as_deref() {
        fields.push(field(
            "training-certificates-skill_certificate_no",
            lang.digits(number),
        ));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letterhead::LetterheadSettings;
    use hamyar_app::access::{PlaceId, ScopeKind};
    use hamyar_app::ids::{EnrolmentId, WomanId};
    use hamyar_domain::{JalaliDate, MoneyUnit};
    use hamyar_i18n::Lang;
    use hamyar_pdf::inspect::{page_count, text, without_zwnj};

    fn facts() -> CertificateFacts {
        CertificateFacts {
            enrolment_id: EnrolmentId::new(7),
            woman_id: WomanId::new(3),
            national_id: "0084575948".into(),
            first_name: "فاطمه".into(),
            last_name: "رضایی".into(),
            course_name: "خیاطی مقدماتی".into(),
            course_name_en: "Basic tailoring".into(),
            hours: 40,
            category: "vocational".into(),
            skill_standard_code: Some("7531-53-001-1".into()),
            run_code: "TK-1405-01".into(),
            provider_name: "آموزشگاه فنی نور".into(),
            starts_on: JalaliDate::new(1405, 8, 1).unwrap(),
            ends_on: JalaliDate::new(1405, 8, 10).unwrap(),
            completed_on: JalaliDate::new(1405, 8, 15).unwrap(),
            skill_certificate_no: Some("123456".into()),
            certificate_code: "ABCDE-FGH34".into(),
            province_id: PlaceId::new(2),
            county_id: PlaceId::new(5),
        }
    }

    fn qazvin() -> Place {
        Place {
            id: PlaceId::new(2),
            kind: ScopeKind::Province,
            parent_id: Some(PlaceId::new(1)),
            code: "ir.qazvin".into(),
            name_fa: "قزوین".into(),
            name_en: "Qazvin".into(),
            names: Vec::new(),
        }
    }

    #[test]
    fn the_certificate_says_who_completed_what_and_where_to_check_it_in_order() {
        let letterheads = LetterheadSettings::default();
        let printing = Printing {
            letterheads: &letterheads,
            lang: Lang::Fa,
            unit: MoneyUnit::Rial,
            today: JalaliDate::new(1405, 9, 8).unwrap(),
        };
        let document = training_certificate(&facts(), &qazvin(), "/verify", &printing);
        let pdf = hamyar_pdf::render_pdf(&document).expect("renders");
        if let Ok(dir) = std::env::var("HAMYAR_PDF_LOOK") {
            let png = hamyar_pdf::inspect::page_png(&pdf, 0, 1.5).expect("a page image");
            std::fs::write(format!("{dir}/training-certificate.png"), png).expect("written");
        }
        assert_eq!(page_count(&pdf), 1);
        let text = without_zwnj(&text(&pdf)).replace(['\u{2066}', '\u{2069}'], "");
        // The page draws the code and the address left to right (looked at as a PNG); the
        // text reader gives a Latin run split at its hyphen or slash in right-to-left order.
        let mut from = 0;
        for said in [
            "بهزیستی استان قزوین",
            "کد گواهی: FGH34-ABCDE",
            "گواهی پایان دوره‌ی آموزشی",
            "خانم فاطمه رضایی به کد ملی ۰۰۸۴۵۷۵۹۴۸",
            "«خیاطی مقدماتی»",
            "به مدت ۴۰",
            "۱۴۰۵/۰۸/۱۵",
            "مهارت فنی و حرفه‌ای",
            "۱-۰۰۱-۵۳-۷۵۳۱",
            "۰۱-۱۴۰۵-TK",
            "آموزشگاه فنی نور",
            "از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۱۰",
            "۱۲۳۴۵۶",
            "در نشانی verify/ با کد FGH34-ABCDE بررسی کند",
            "هماهنگ‌کننده‌ی آموزش شهرستان",
        ] {
            let said = without_zwnj(said);
            let at = text[from..]
                .find(&said)
                .unwrap_or_else(|| panic!("{said:?} not in order in:\n{text}"));
            from += at + said.len();
        }
    }
}
