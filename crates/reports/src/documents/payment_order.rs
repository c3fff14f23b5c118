//! A payment order: one payment as its page shows it to the reader (`App::payment`, which
//! needs `ViewMoneyRecords`, scopes it and withholds what the disclosure rules withhold) —
//! its number, budget line, payee, amount, the day the money is for, who proposed and who
//! approved it and when, the groups and women it is for — with places for the proposer,
//! the approver and the finance office to sign.

use hamyar_app::places::Place;
use hamyar_app::spending::PaymentView;
use hamyar_pdf::{Block, Field, ReportDocument};

use super::Printing;
use crate::format::label;

/// The payment order of `view`; `line_place` names the budget line's place (the
/// county, or the province for an undivided line).
pub fn payment_order(
    view: &PaymentView,
    province: &Place,
    line_place: &str,
    printing: &Printing<'_>,
) -> ReportDocument {
    let lang = printing.lang;
    let row = &view.summary.row;
    let mut document =
        printing.document(Some(province), lang.t("documents-payment-title").to_owned());
    document
        .corner
        .push(printing.labelled("documents-payment-number", &printing.number(row.id.get())));
    let stamp = |name: Option<&str>, day: Option<String>| match (name, day) {
        (Some(name), Some(day)) => format!("{name} — {day}"),
        (Some(name), None) => name.to_owned(),
        _ => String::new(),
    };
    let mut fields = vec![
        Field::new(
            lang.t("documents-payment-status"),
            label(view.summary.status, lang),
        ),
        Field::new(
            lang.t("documents-payment-line"),
            format!(
                "{} — {} — {}",
                label(view.summary.category, lang),
                line_place,
                lang.digits(&view.summary.fiscal_year.to_string())
            ),
        ),
        Field::new(lang.t("documents-payment-payee"), row.payee.clone()),
        Field::new(
            lang.t("documents-payment-payee_kind"),
            view.summary
                .payee_kind
                .map(|kind| label(kind, lang).to_owned())
                .unwrap_or_default(),
        ),
        Field::new(
            lang.t("documents-payment-amount"),
            printing.money(row.amount_rials),
        ),
        Field::new(
            lang.t("documents-payment-spent_on"),
            printing.date(row.spent_on),
        ),
    ];
    if !view.text_withheld {
        fields.push(Field::new(
            lang.t("documents-payment-description"),
            row.description.clone(),
        ));
        fields.push(Field::new(
            lang.t("documents-payment-reference"),
            lang.digits(&row.reference),
        ));
    }
    fields.push(Field::new(
        lang.t("documents-payment-proposed_by"),
        stamp(Some(&row.proposed_by_name), None),
    ));
    fields.push(Field::new(
        lang.t("documents-payment-approved_by"),
        stamp(
            row.decided_by_name
                .as_deref()
                .filter(|_| row.approved_on.is_some()),
            row.approved_on.map(|day| printing.date(day)),
        ),
    ));
    if let Some(paid_on) = row.paid_on {
        fields.push(Field::new(
            lang.t("documents-payment-paid_on"),
            printing.date(paid_on),
        ));
    }
    document.blocks.push(Block::Fields(fields));
    let mut beneficiaries: Vec<String> = view.links.iter().map(|l| l.label.clone()).collect();
    beneficiaries.retain(|label| !label.trim().is_empty());
    let elsewhere = view.links_elsewhere.groups + view.links_elsewhere.women;
    if elsewhere > 0 {
        beneficiaries.push(lang.tr(
            "documents-payment-elsewhere",
            &[("count", i64::try_from(elsewhere).unwrap_or(i64::MAX).into())],
        ));
    }
    if !beneficiaries.is_empty() {
        document
            .blocks
            .push(Block::Heading(lang.t("documents-payment-for").to_owned()));
        document.blocks.push(Block::Numbered(beneficiaries));
    }
    if view.text_withheld {
        document.blocks.push(Block::Paragraph(
            lang.t("documents-payment-text_withheld").to_owned(),
        ));
    }
    document.blocks.push(Block::Signatures(vec![
        lang.t("documents-signature-proposer").to_owned(),
        lang.t("documents-signature-approver").to_owned(),
        lang.t("documents-signature-finance").to_owned(),
    ]));
    document
}
