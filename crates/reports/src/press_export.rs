//! The press summary as an XLSX file: one right-to-left sheet, a row per figure (Persian label,
//! integer value; amounts in rials) and last rows with the paragraph in Persian and English
//! (amounts in the unit the summary was drawn in) and the attribution line. `hamyar report summary
//! --format xlsx` and the page's download both call this module.

use hamyar_app::press::PressSummary;
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};

/// The sheet's column headers.
pub const PRESS_SUMMARY_HEADERS: [&str; 2] = ["رقم", "مقدار"];

const SHEET_NAME: &str = "خلاصهٔ خبری";

/// The summary as one table.
pub fn press_summary_table(summary: &PressSummary) -> ReportTable {
    let f = &summary.figures;
    let count = |n: u64| TableCell::Integer(i64::try_from(n).unwrap_or(i64::MAX));
    let rows = vec![
        vec![
            TableCell::Text("استان".into()),
            TableCell::Text(f.province_name_fa.clone()),
        ],
        vec![
            TableCell::Text("سال مالی".into()),
            TableCell::Integer(i64::from(f.fiscal_year)),
        ],
        vec![
            TableCell::Text("روز شمارش گروه‌ها و اعضا".into()),
            TableCell::Text(summary.counted_on.replace('-', "/")),
        ],
        vec![
            TableCell::Text("گروه‌های فعال".into()),
            count(f.active_groups),
        ],
        vec![
            TableCell::Text("اعضای گروه‌های فعال".into()),
            count(f.active_members),
        ],
        vec![
            TableCell::Text("هزینهٔ آموزش، آماده‌سازی شغلی و تقویت گروه‌ها (ریال)".into()),
            TableCell::Integer(f.headline_spent_rials),
        ],
        vec![
            TableCell::Text("کمک بلاعوض تعهدشده (ریال)".into()),
            TableCell::Integer(f.grants_committed_rials),
        ],
        vec![
            TableCell::Text("کمک بلاعوض پرداخت‌شده (ریال)".into()),
            TableCell::Integer(f.grants_paid_rials),
        ],
        vec![
            TableCell::Text("گروه‌های دریافت‌کنندهٔ کمک".into()),
            count(f.groups_granted),
        ],
        vec![
            TableCell::Text("زنان دریافت‌کنندهٔ کمک".into()),
            count(f.women_granted),
        ],
        vec![
            TableCell::Text("فروش گروه‌ها (ریال)".into()),
            TableCell::Integer(f.sales_rials),
        ],
        vec![TableCell::Text("شغل‌های ایجادشده".into()), count(f.jobs)],
        vec![
            TableCell::Text("گروه‌های مستقل‌شده".into()),
            count(f.graduated_groups),
        ],
        vec![
            TableCell::Text("زنان توانمندشده".into()),
            count(f.women_independent),
        ],
        vec![
            TableCell::Text("متن خبر".into()),
            TableCell::Text(summary.paragraph_fa.clone()),
        ],
        vec![
            TableCell::Text("متن خبر به انگلیسی".into()),
            TableCell::Text(summary.paragraph_en.clone()),
        ],
        vec![
            TableCell::Text("منتشرکننده".into()),
            TableCell::Text(summary.attribution_fa.clone()),
        ],
    ];
    ReportTable {
        sheet_name: SHEET_NAME.to_owned(),
        headers: PRESS_SUMMARY_HEADERS.map(str::to_owned).to_vec(),
        rows,
    }
}

/// The summary as the bytes of an XLSX file.
pub fn press_summary_xlsx(summary: &PressSummary) -> Result<Vec<u8>, ExchangeError> {
    press_summary_table(summary).to_bytes(FileFormat::Xlsx)
}
