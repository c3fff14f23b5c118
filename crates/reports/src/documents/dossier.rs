//! A woman's dossier: her file as the file page shows it to the reader — her particulars,
//! her household and her coverage history. It is built only from `App::open_woman`, the
//! use-case that opens her file: it refuses a reader who may not see her (outside the
//! scope, or without the permission to see personal data), masks her identifiers for a
//! reader without `SeeFullIdentifiers`, and records the printing as a `woman.view`, so a
//! printed dossier is in the audit trail as an opened file is.

use hamyar_app::places::Place;
use hamyar_app::registry::file::WomanFile;
use hamyar_domain::registry::codes::{
    CoverageStatus, Education, ExitReason, HeadshipCause, MemberActivity, Relation,
};
use hamyar_pdf::{Block, Column, Field, ReportDocument, Table};

use super::Printing;
use crate::format::{iso_date, label, label_of, or_dash};

/// The dossier of the woman whose file is `file`.
pub fn dossier(
    file: &WomanFile,
    province: &Place,
    county_name: &str,
    printing: &Printing<'_>,
) -> ReportDocument {
    let lang = printing.lang;
    let record = &file.woman.record;
    let name = format!("{} {}", record.first_name, record.last_name);
    let mut document =
        printing.document(Some(province), lang.t("documents-dossier-title").to_owned());
    document.subtitle = Some(name.clone());
    document.corner.push(printing.labelled(
        "documents-dossier-number",
        &printing.number(file.woman.id.get()),
    ));
    document.blocks.push(Block::Fields(vec![
        Field::new(lang.t("documents-dossier-name"), name),
        Field::new(
            lang.t("documents-dossier-father"),
            or_dash(record.father_name.as_deref().unwrap_or_default()),
        ),
        Field::new(
            lang.t("documents-member-national_id"),
            lang.digits(&record.national_id),
        ),
        Field::new(
            lang.t("documents-dossier-birth_date"),
            iso_date(&record.birth_date, lang),
        ),
        Field::new(
            lang.t("documents-dossier-mobile"),
            or_dash(&lang.digits(record.mobile.as_deref().unwrap_or_default())),
        ),
        Field::new(
            lang.t("documents-group-place"),
            super::place_line(county_name, &record.locality),
        ),
        Field::new(
            lang.t("documents-dossier-address"),
            or_dash(&record.address),
        ),
        Field::new(
            lang.t("documents-dossier-education"),
            or_dash(
                &record
                    .education
                    .as_deref()
                    .map(|code| label_of::<Education>(code, lang))
                    .unwrap_or_default(),
            ),
        ),
        Field::new(lang.t("documents-dossier-skills"), or_dash(&record.skills)),
        Field::new(
            lang.t("documents-dossier-headship"),
            label_of::<HeadshipCause>(&record.headship_cause, lang),
        ),
        Field::new(
            lang.t("documents-dossier-household"),
            printing.number(file.woman.household_size),
        ),
        Field::new(
            lang.t("documents-dossier-coverage"),
            label_of::<CoverageStatus>(&file.woman.coverage_status, lang),
        ),
    ]));
    if file.identifiers_masked {
        document.blocks.push(Block::Paragraph(
            lang.t("documents-dossier-masked").to_owned(),
        ));
    }
    document
        .blocks
        .push(Block::Table(household(file, printing)));
    document.blocks.push(Block::Table(coverage(file, printing)));
    document.blocks.push(Block::Paragraph(
        lang.t("documents-dossier-confidential").to_owned(),
    ));
    document
}

fn column(title: &str, numeric: bool) -> Column {
    Column {
        title: title.to_owned(),
        numeric,
    }
}

fn household(file: &WomanFile, printing: &Printing<'_>) -> Table {
    let lang = printing.lang;
    Table {
        caption: lang.t("documents-dossier-household_table").to_owned(),
        columns: vec![
            column(lang.t("documents-dossier-name"), false),
            column(lang.t("documents-dossier-relation"), false),
            column(lang.t("documents-member-national_id"), true),
            column(lang.t("documents-dossier-birth_date"), true),
            column(lang.t("documents-dossier-activity"), false),
        ],
        rows: file
            .members
            .iter()
            .map(|member| {
                vec![
                    format!(
                        "{} {}",
                        member.first_name,
                        member.last_name.as_deref().unwrap_or_default()
                    )
                    .trim()
                    .to_owned(),
                    label_of::<Relation>(&member.relation, lang),
                    or_dash(&lang.digits(member.national_id.as_deref().unwrap_or_default())),
                    or_dash(&iso_date(
                        member.birth_date.as_deref().unwrap_or_default(),
                        lang,
                    )),
                    or_dash(
                        &member
                            .activity
                            .as_deref()
                            .map(|code| label_of::<MemberActivity>(code, lang))
                            .unwrap_or_default(),
                    ),
                ]
            })
            .collect(),
        total: None,
    }
}

fn coverage(file: &WomanFile, printing: &Printing<'_>) -> Table {
    let lang = printing.lang;
    Table {
        caption: lang.t("documents-dossier-coverage_table").to_owned(),
        columns: vec![
            column(lang.t("documents-dossier-since"), true),
            column(lang.t("documents-dossier-coverage"), false),
            column(lang.t("documents-dossier-reason"), false),
            column(lang.t("documents-dossier-decided_by"), false),
        ],
        rows: file
            .episodes
            .iter()
            .map(|episode| {
                let reason = match episode.exit_reason {
                    Some(exit) => format!("{} {}", label::<ExitReason>(exit, lang), episode.reason),
                    None => episode.reason.clone(),
                };
                vec![
                    printing.date(episode.started_on),
                    label(episode.status, lang).to_owned(),
                    or_dash(reason.trim()),
                    or_dash(&episode.decided_by_name),
                ]
            })
            .collect(),
        total: None,
    }
}
