//! A group's papers: its registration certificate (the group's particulars, its staff and
//! its present members), the members' agreement (the articles the members sign, with a
//! place for each member's signature) and an introduction letter that presents the group
//! — or one woman, from her file — to a bank, the technical and vocational training
//! organisation or the health network.
//!
//! The group's papers are built from `App::group_page`, the use-case of the group's page:
//! the same scope, the same masking of national IDs, and printing one is audited as a
//! `group.view` naming its members, as opening the page is. A woman's letter is built from
//! `App::open_woman`, audited as a `woman.view`.

use hamyar_app::groups::GroupPage;
use hamyar_app::places::Place;
use hamyar_app::registry::file::WomanFile;
use hamyar_domain::groups::{GroupStage, StaffDuty};
use hamyar_pdf::{Block, Column, Field, ReportDocument, Table};

use super::Printing;
use crate::format::label;

/// Who an introduction letter is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Bank,
    TechnicalVocational,
    HealthNetwork,
}

impl Recipient {
    pub const ALL: [Recipient; 3] = [
        Recipient::Bank,
        Recipient::TechnicalVocational,
        Recipient::HealthNetwork,
    ];

    /// The code a link or a form names it by.
    pub fn code(self) -> &'static str {
        match self {
            Recipient::Bank => "bank",
            Recipient::TechnicalVocational => "tvto",
            Recipient::HealthNetwork => "health",
        }
    }

    pub fn parse(code: &str) -> Option<Recipient> {
        Recipient::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// The message id of its name; the id of what it is asked for is this with `-purpose`.
    pub fn message_id(self) -> &'static str {
        match self {
            Recipient::Bank => "documents-recipient-bank",
            Recipient::TechnicalVocational => "documents-recipient-tvto",
            Recipient::HealthNetwork => "documents-recipient-health",
        }
    }

    fn purpose_id(self) -> &'static str {
        match self {
            Recipient::Bank => "documents-recipient-bank-purpose",
            Recipient::TechnicalVocational => "documents-recipient-tvto-purpose",
            Recipient::HealthNetwork => "documents-recipient-health-purpose",
        }
    }
}

/// The present holder of a staff duty: the latest assignment's person.
fn current_staff(page: &GroupPage, duty: StaffDuty) -> String {
    page.staff
        .iter()
        .filter(|row| row.duty == duty)
        .max_by_key(|row| (row.from_on, row.id))
        .filter(|row| row.user_id.is_some())
        .map(|row| row.user_name.clone())
        .unwrap_or_default()
}

/// The group's particulars, as a certificate and a letter list them.
fn particulars(page: &GroupPage, printing: &Printing<'_>) -> Vec<Field> {
    let lang = printing.lang;
    let record = &page.group.record;
    // The day it was registered: its first move into the registered stage (blank before).
    let registered_on = page
        .stages
        .iter()
        .filter(|row| row.stage == GroupStage::Registered)
        .map(|row| row.effective_on)
        .min()
        .map(|day| printing.date(day))
        .unwrap_or_default();
    vec![
        Field::new(lang.t("documents-group-name"), record.name.clone()),
        Field::new(lang.t("documents-group-code"), lang.digits(&record.code)),
        Field::new(
            lang.t("documents-group-place"),
            super::place_line(&page.county_name, &record.locality),
        ),
        Field::new(
            lang.t("documents-group-business"),
            page.business_field.clone(),
        ),
        Field::new(
            lang.t("documents-group-unit"),
            page.unit
                .as_ref()
                .map(|unit| unit.name.clone())
                .unwrap_or_default(),
        ),
        Field::new(lang.t("documents-group-registered_on"), registered_on),
        Field::new(lang.t("documents-group-stage"), label(page.stage, lang)),
        Field::new(
            lang.t("documents-group-members"),
            printing.number(i64::try_from(page.current_members).unwrap_or(i64::MAX)),
        ),
        Field::new(
            lang.t("documents-group-social_worker"),
            current_staff(page, StaffDuty::SocialWorker),
        ),
        Field::new(
            lang.t("documents-group-facilitator"),
            current_staff(page, StaffDuty::Facilitator),
        ),
    ]
}

/// The present members as a table: number, name, national ID (as the page shows it), role,
/// joined on, and an empty last column when `signature` is asked for.
fn members_table(page: &GroupPage, printing: &Printing<'_>, signature: bool) -> Table {
    let lang = printing.lang;
    let mut columns = vec![
        Column {
            title: lang.t("documents-row").to_owned(),
            numeric: true,
        },
        Column {
            title: lang.t("documents-member-name").to_owned(),
            numeric: false,
        },
        Column {
            title: lang.t("documents-member-national_id").to_owned(),
            numeric: true,
        },
        Column {
            title: lang.t("documents-member-role").to_owned(),
            numeric: false,
        },
        Column {
            title: lang.t("documents-member-joined_on").to_owned(),
            numeric: true,
        },
    ];
    if signature {
        columns.push(Column {
            title: lang.t("documents-member-signature").to_owned(),
            numeric: false,
        });
    }
    let rows = page
        .members
        .iter()
        .filter(|member| member.is_current())
        .enumerate()
        .map(|(i, member)| {
            let mut row = vec![
                printing.number(i64::try_from(i + 1).unwrap_or(i64::MAX)),
                member.name.clone(),
                lang.digits(&member.national_id),
                label(member.role, lang).to_owned(),
                lang.digits(&member.joined_on),
            ];
            if signature {
                row.push(String::new());
            }
            row
        })
        .collect();
    Table {
        caption: lang.t("documents-group-members_table").to_owned(),
        columns,
        rows,
        total: None,
    }
}

/// The group's registration certificate.
pub fn certificate(page: &GroupPage, province: &Place, printing: &Printing<'_>) -> ReportDocument {
    let lang = printing.lang;
    let mut document = printing.document(
        Some(province),
        lang.t("documents-certificate-title").to_owned(),
    );
    document.corner.push(printing.labelled(
        "documents-certificate-number",
        &lang.digits(&page.group.record.code),
    ));
    document.blocks.push(Block::Paragraph(lang.tr(
        "documents-certificate-text",
        &[
            ("group", page.group.record.name.as_str().into()),
            ("county", page.county_name.as_str().into()),
        ],
    )));
    document
        .blocks
        .push(Block::Fields(particulars(page, printing)));
    document
        .blocks
        .push(Block::Table(members_table(page, printing, false)));
    document.blocks.push(Block::Signatures(vec![
        lang.t("documents-signature-social_worker").to_owned(),
        lang.t("documents-signature-county_head").to_owned(),
    ]));
    document
}

/// The articles of the members' agreement, in order.
const AGREEMENT_ARTICLES: [&str; 7] = [
    "documents-agreement-article-1",
    "documents-agreement-article-2",
    "documents-agreement-article-3",
    "documents-agreement-article-4",
    "documents-agreement-article-5",
    "documents-agreement-article-6",
    "documents-agreement-article-7",
];

/// The members' agreement: the articles, then every present member with a place to sign.
pub fn agreement(page: &GroupPage, province: &Place, printing: &Printing<'_>) -> ReportDocument {
    let lang = printing.lang;
    let record = &page.group.record;
    let mut document = printing.document(
        Some(province),
        lang.t("documents-agreement-title").to_owned(),
    );
    document.subtitle = Some(record.name.clone());
    document.blocks.push(Block::Paragraph(lang.tr(
        "documents-agreement-text",
        &[
            ("group", record.name.as_str().into()),
            ("code", lang.digits(&record.code).as_str().into()),
            ("county", page.county_name.as_str().into()),
        ],
    )));
    document.blocks.push(Block::Numbered(
        AGREEMENT_ARTICLES
            .iter()
            .map(|id| lang.t(id).to_owned())
            .collect(),
    ));
    document
        .blocks
        .push(Block::Table(members_table(page, printing, true)));
    document.blocks.push(Block::Signatures(vec![
        lang.t("documents-signature-social_worker").to_owned(),
        lang.t("documents-signature-facilitator").to_owned(),
    ]));
    document
}

/// An introduction letter presenting the group.
pub fn group_letter(
    page: &GroupPage,
    province: &Place,
    recipient: Recipient,
    printing: &Printing<'_>,
) -> ReportDocument {
    let lang = printing.lang;
    let record = &page.group.record;
    let mut document = letter(province, recipient, printing);
    document.blocks.push(Block::Paragraph(
        lang.tr(
            "documents-letter-group",
            &[
                ("group", record.name.as_str().into()),
                ("code", lang.digits(&record.code).as_str().into()),
                (
                    "members",
                    i64::try_from(page.current_members)
                        .unwrap_or(i64::MAX)
                        .into(),
                ),
                ("county", page.county_name.as_str().into()),
                ("purpose", lang.t(recipient.purpose_id()).into()),
            ],
        ),
    ));
    document
        .blocks
        .push(Block::Fields(particulars(page, printing)));
    closing(&mut document, printing);
    document
}

/// An introduction letter presenting a woman, from her file.
pub fn woman_letter(
    file: &WomanFile,
    province: &Place,
    county_name: &str,
    recipient: Recipient,
    printing: &Printing<'_>,
) -> ReportDocument {
    let lang = printing.lang;
    let record = &file.woman.record;
    let mut document = letter(province, recipient, printing);
    document.blocks.push(Block::Paragraph(
        lang.tr(
            "documents-letter-woman",
            &[
                (
                    "name",
                    format!("{} {}", record.first_name, record.last_name)
                        .as_str()
                        .into(),
                ),
                (
                    "father",
                    record.father_name.as_deref().unwrap_or("—").into(),
                ),
                (
                    "national_id",
                    lang.digits(&record.national_id).as_str().into(),
                ),
                ("county", county_name.into()),
                ("purpose", lang.t(recipient.purpose_id()).into()),
            ],
        ),
    ));
    closing(&mut document, printing);
    document
}

/// The head of a letter: the addressee, then «با سلام».
fn letter(province: &Place, recipient: Recipient, printing: &Printing<'_>) -> ReportDocument {
    let lang = printing.lang;
    let mut document =
        printing.document(Some(province), lang.t("documents-letter-title").to_owned());
    document
        .corner
        .push(printing.labelled("documents-number", "…………"));
    document.blocks.push(Block::Paragraph(format!(
        "{} {}",
        lang.t("documents-letter-to"),
        lang.t(recipient.message_id())
    )));
    document.blocks.push(Block::Paragraph(
        lang.t("documents-letter-greeting").to_owned(),
    ));
    document
}

fn closing(document: &mut ReportDocument, printing: &Printing<'_>) {
    document
        .blocks
        .push(Block::Paragraph(printing.t("documents-letter-closing")));
    document.blocks.push(Block::Signatures(vec![
        printing.t("documents-signature-county_head"),
    ]));
}
