//! The registry's rows in file terms: which column holds which field of the woman's input,
//! one mapping shared by the command line and the web app so that what one exports the other
//! imports.

use hamyar_domain::registry::{ExportExtras, WomanInput};

use crate::{Column, SheetRow};

/// The county text and the woman's fields as typed in one sheet row.
pub fn woman_input(row: &SheetRow) -> (String, WomanInput) {
    let cell = |column| row.get(column).to_owned();
    let input = WomanInput {
        national_id: cell(Column::NationalId),
        first_name: cell(Column::FirstName),
        last_name: cell(Column::LastName),
        father_name: cell(Column::FatherName),
        birth_date: cell(Column::BirthDate),
        mobile: cell(Column::Mobile),
        locality: cell(Column::Locality),
        settlement: cell(Column::Settlement),
        address: cell(Column::Address),
        education: cell(Column::Education),
        skills: cell(Column::Skills),
        sheba: cell(Column::Sheba),
        headship_cause: cell(Column::HeadshipCause),
        income_decile: cell(Column::IncomeDecile),
        notes: cell(Column::Notes),
    };
    (cell(Column::County), input)
}

/// The cells of one exported woman in `Column::EXPORT` order.
pub fn export_cells(input: &WomanInput, extras: &ExportExtras) -> Vec<String> {
    Column::EXPORT
        .iter()
        .map(|column| match column {
            Column::NationalId => input.national_id.clone(),
            Column::FirstName => input.first_name.clone(),
            Column::LastName => input.last_name.clone(),
            Column::FatherName => input.father_name.clone(),
            Column::BirthDate => input.birth_date.clone(),
            Column::Mobile => input.mobile.clone(),
            Column::County => extras.county.clone(),
            Column::Locality => input.locality.clone(),
            Column::Settlement => input.settlement.clone(),
            Column::Address => input.address.clone(),
            Column::Education => input.education.clone(),
            Column::Skills => input.skills.clone(),
            Column::Sheba => input.sheba.clone(),
            Column::HeadshipCause => input.headship_cause.clone(),
            Column::IncomeDecile => input.income_decile.clone(),
            Column::Notes => input.notes.clone(),
            Column::BirthDateIso => extras.birth_date_iso.clone(),
            Column::CoverageStatus => extras.coverage_status.clone(),
            Column::HouseholdSize => extras.household_size.clone(),
            Column::RegisteredOn => extras.registered_on.clone(),
        })
        .collect()
}
