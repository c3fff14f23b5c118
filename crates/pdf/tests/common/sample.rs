//! A realistic Persian report about Qazvin's Hamyar groups, used by the tests
//! and by `examples/sample_report.rs`.
//!
//! The numbers add up the way the demo's press summary states them: 30
//! groups, 180 members and 743 million rials spent on training, job
//! preparation and strengthening the groups.

use hamyar_pdf::{BarChart, Block, ChartSeries, Column, Lang, ReportDocument, Table};

/// The paragraph the tests look for in the PDF.
pub const SUMMARY: &str = "در سال ۱۴۰۵، ۳۰ گروه همیار زنان سرپرست خانوار با ۱۸۰ عضو در استان قزوین فعال بوده‌اند و ۷۴۳ میلیون ریال صرف آموزش، آماده‌سازی شغلی و تقویت گروه‌ها شده است.";

/// Qazvin's counties with groups, members and spending by purpose (million rials).
const COUNTIES: [(&str, [i64; 5]); 6] = [
    ("قزوین", [9, 54, 120, 70, 40]),
    ("البرز", [6, 36, 80, 50, 30]),
    ("آبیک", [5, 30, 60, 40, 25]),
    ("تاکستان", [4, 24, 50, 30, 20]),
    ("بوئین‌زهرا", [4, 24, 40, 30, 15]),
    ("آوج", [2, 12, 20, 15, 8]),
];

/// An integer written with Persian digits and the Persian thousands separator.
pub fn fa_number(n: i64) -> String {
    let ascii = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('−');
    }
    for (i, d) in ascii.chars().enumerate() {
        if i > 0 && (ascii.len() - i).is_multiple_of(3) {
            out.push('٬');
        }
        let digit = d.to_digit(10).expect("an ASCII digit");
        out.push(char::from_u32('۰' as u32 + digit).expect("a Persian digit"));
    }
    out
}

pub fn county_table() -> Table {
    let columns = [
        ("شهرستان", false),
        ("گروه‌ها", true),
        ("اعضا", true),
        ("آموزش", true),
        ("آماده‌سازی شغلی", true),
        ("تقویت گروه‌ها", true),
    ]
    .into_iter()
    .map(|(title, numeric)| Column {
        title: title.to_owned(),
        numeric,
    })
    .collect();
    let rows = COUNTIES
        .iter()
        .map(|(name, values)| {
            std::iter::once((*name).to_owned())
                .chain(values.iter().map(|v| fa_number(*v)))
                .collect()
        })
        .collect();
    let mut sums = [0_i64; 5];
    for (_, values) in &COUNTIES {
        for (sum, v) in sums.iter_mut().zip(values) {
            *sum += v;
        }
    }
    let total = std::iter::once("جمع".to_owned())
        .chain(sums.iter().map(|v| fa_number(*v)))
        .collect();
    Table {
        caption: "جدول ۱ — گروه‌ها، اعضا و هزینه‌ها (میلیون ریال) به تفکیک شهرستان".to_owned(),
        columns,
        rows,
        total: Some(total),
    }
}

pub fn spending_chart() -> BarChart {
    let series = |name: &str, index: usize| {
        let values: Vec<i64> = COUNTIES.iter().map(|(_, v)| v[index]).collect();
        ChartSeries {
            name: name.to_owned(),
            labels: values.iter().map(|v| fa_number(*v)).collect(),
            values,
        }
    };
    BarChart {
        title: "نمودار ۱ — هزینهٔ آموزش و آماده‌سازی شغلی در هر شهرستان".to_owned(),
        unit: "میلیون ریال".to_owned(),
        categories: COUNTIES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect(),
        series: vec![series("آموزش", 2), series("آماده‌سازی شغلی", 3)],
    }
}

pub fn persian_report() -> ReportDocument {
    ReportDocument {
        lang: Lang::Fa,
        letterhead: None,
        corner: Vec::new(),
        title: "گزارش عملکرد گروه‌های همیار استان قزوین".to_owned(),
        subtitle: Some("سال ۱۴۰۵".to_owned()),
        footer: "تهیه‌شده با همیار در ۱۴۰۵/۰۹/۰۸".to_owned(),
        blocks: vec![
            Block::Heading("خلاصه".to_owned()),
            Block::Paragraph(SUMMARY.to_owned()),
            Block::Paragraph(
                "گروه‌های همیار با پس‌انداز ماهانهٔ اعضا و وام‌های خرد، زمینهٔ اشتغال خانگی و کسب‌وکارهای کوچک را فراهم می‌کنند. جدول زیر سهم هر شهرستان را نشان می‌دهد و نمودار پس از آن هزینه‌های آموزش و آماده‌سازی شغلی را مقایسه می‌کند.".to_owned(),
            ),
            Block::Heading("گروه‌ها به تفکیک شهرستان".to_owned()),
            Block::Table(county_table()),
            Block::Heading("هزینه‌ها".to_owned()),
            Block::BarChart(spending_chart()),
        ],
    }
}
