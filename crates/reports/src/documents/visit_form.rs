//! The monitoring visit form of a group: blank, to take on a visit and fill in by hand (the
//! group's particulars printed, every answer a dotted line, the referrals listed to tick),
//! or filled, one recorded visit as it was recorded. Built from `App::group_life`, the
//! use-case of the group's life page (where its visits are listed): the same scope, and
//! printing is audited as a `group.life_view` as opening that page is.

use hamyar_app::group_life::GroupLife;
use hamyar_app::places::Place;
use hamyar_app::ports::group_life::VisitRow;
use hamyar_domain::group_life::Referral;
use hamyar_pdf::{Block, Field, ReportDocument};

use super::Printing;
use crate::format::{label, label_of};

/// Blank lines a hand-written answer gets.
const BLANK_LINES: usize = 3;

fn head(life: &GroupLife, county_name: &str, printing: &Printing<'_>) -> Vec<Field> {
    let lang = printing.lang;
    let group = &life.group;
    vec![
        Field::new(lang.t("documents-group-name"), group.name.clone()),
        Field::new(lang.t("documents-group-code"), lang.digits(&group.code)),
        Field::new(lang.t("documents-group-place"), county_name.to_owned()),
        Field::new(lang.t("documents-group-stage"), label(group.stage, lang)),
        Field::new(
            lang.t("documents-visit-last"),
            life.last_visit()
                .map(|visit| printing.date(visit.visited_on))
                .unwrap_or_else(|| "—".to_owned()),
        ),
    ]
}

/// A blank form for the next visit of the group.
pub fn blank_visit_form(
    life: &GroupLife,
    province: &Place,
    county_name: &str,
    printing: &Printing<'_>,
) -> ReportDocument {
    let lang = printing.lang;
    let mut document =
        printing.document(Some(province), lang.t("documents-visit-title").to_owned());
    document
        .blocks
        .push(Block::Fields(head(life, county_name, printing)));
    document
        .blocks
        .push(Block::Heading(lang.t("documents-visit-answers").to_owned()));
    let mut fields = vec![
        Field::new(lang.t("documents-visit-visited_on"), ""),
        Field::new(lang.t("documents-visit-visitor"), ""),
        Field::new(lang.t("documents-visit-purpose"), ""),
    ];
    for (id, lines) in [
        ("documents-visit-findings", BLANK_LINES),
        ("documents-visit-requests", BLANK_LINES),
    ] {
        fields.push(Field::new(lang.t(id), ""));
        fields.extend((1..lines).map(|_| Field::new("", "")));
    }
    fields.push(Field::new(lang.t("documents-visit-follow_up_due"), ""));
    document.blocks.push(Block::Fields(fields));
    document.blocks.push(Block::Heading(
        lang.t("documents-visit-referrals").to_owned(),
    ));
    document.blocks.push(Block::Checklist(
        Referral::ALL
            .iter()
            .map(|referral| label(*referral, lang).to_owned())
            .collect(),
    ));
    document.blocks.push(Block::Signatures(vec![
        lang.t("documents-signature-visitor").to_owned(),
        lang.t("documents-signature-group_head").to_owned(),
    ]));
    document
}

/// One recorded visit, filled in.
pub fn filled_visit_form(
    life: &GroupLife,
    visit: &VisitRow,
    province: &Place,
    county_name: &str,
    printing: &Printing<'_>,
) -> ReportDocument {
    let lang = printing.lang;
    let mut document =
        printing.document(Some(province), lang.t("documents-visit-title").to_owned());
    document
        .corner
        .push(printing.labelled("documents-visit-number", &printing.number(visit.id)));
    document
        .blocks
        .push(Block::Fields(head(life, county_name, printing)));
    document
        .blocks
        .push(Block::Heading(lang.t("documents-visit-answers").to_owned()));
    let referrals: Vec<String> = visit
        .referrals
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| match Referral::parse(code) {
            Some(Referral::Other) if !visit.referral_other.trim().is_empty() => {
                visit.referral_other.clone()
            }
            _ => label_of::<Referral>(code, lang),
        })
        .collect();
    let or_dash = |text: &str| crate::format::or_dash(text);
    document.blocks.push(Block::Fields(vec![
        Field::new(
            lang.t("documents-visit-visited_on"),
            printing.date(visit.visited_on),
        ),
        Field::new(
            lang.t("documents-visit-visitor"),
            or_dash(&visit.visitor_name),
        ),
        Field::new(lang.t("documents-visit-purpose"), or_dash(&visit.purpose)),
        Field::new(lang.t("documents-visit-findings"), or_dash(&visit.findings)),
        Field::new(
            lang.t("documents-visit-referrals"),
            or_dash(&referrals.join(lang.t("documents-list-separator"))),
        ),
        Field::new(
            lang.t("documents-visit-follow_up_due"),
            visit
                .follow_up_due
                .map(|day| printing.date(day))
                .unwrap_or_else(|| "—".to_owned()),
        ),
    ]));
    if !visit.requests.is_empty() {
        document.blocks.push(Block::Heading(
            lang.t("documents-visit-requests").to_owned(),
        ));
        document.blocks.push(Block::Numbered(
            visit
                .requests
                .iter()
                .map(|request| request.request.clone())
                .collect(),
        ));
    }
    document.blocks.push(Block::Signatures(vec![
        lang.t("documents-signature-visitor").to_owned(),
        lang.t("documents-signature-group_head").to_owned(),
    ]));
    document
}
