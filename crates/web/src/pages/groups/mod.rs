//! Hamyar groups in the browser, one file per job: the list with its filters, counts by
//! stage and the two report questions (`list`); the form that forms or edits a group
//! (`edit`); the group's page — its details, stage timeline, staff, members past and
//! present — with the small forms that move it through its lifecycle, add and remove members
//! and assign its social worker and facilitator (`page`); and a province's settings,
//! supervising units and business fields (`settings`). Each form posts to its own route with
//! the use-case's input as its body; on a problem the page is drawn again (422) with the
//! messages under that form's fields (a redraw, which the app does not audit as another
//! view), and on success the browser returns to the form's section with a confirmation.
//! What the pieces share — the stage badge — lives here.

mod edit;
mod list;
mod page;
mod settings;

pub use edit::{create, edit_form, new_form, update};
pub use list::list;
pub use page::{add_member, assign_staff, leave, move_stage, show};
pub use settings::{add_unit, put_field, save_double_support, save_settings, settings};

use hamyar_domain::groups::GroupStage;

fn stage_badge(stage: GroupStage) -> &'static str {
    match stage {
        GroupStage::Active | GroupStage::Reactivated | GroupStage::Graduated => "badge-ok",
        GroupStage::Inactive => "badge-warning",
        GroupStage::Dissolved => "badge-danger",
        GroupStage::Registered | GroupStage::Funded => "badge-info",
        GroupStage::Identified | GroupStage::Trained => "badge-muted",
    }
}
