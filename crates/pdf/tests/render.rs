//! Renders real documents and reads the PDFs back: the Persian text must be
//! recoverable, user text must stay text, long tables must break across pages
//! and bad input must be refused with a specific error.

mod common;

use common::inspect::{maps_all, page_count, unicode_targets};
use common::sample::{county_table, fa_number, persian_report, spending_chart};
use hamyar_pdf::{Block, ChartSeries, Column, Lang, PdfError, ReportDocument, Table, render_pdf};

fn english_report(blocks: Vec<Block>) -> ReportDocument {
    ReportDocument {
        lang: Lang::En,
        letterhead: None,
        corner: Vec::new(),
        title: "Hamyar groups in Qazvin".to_owned(),
        subtitle: None,
        footer: "Prepared with Hamyar".to_owned(),
        blocks,
    }
}

#[test]
fn persian_report_is_a_pdf_whose_glyphs_map_back_to_persian() {
    let pdf = render_pdf(&persian_report()).expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    let targets = unicode_targets(&pdf);
    for word in ["قزوین", "گروه", "۷", "۱۴۰۵", "آماده‌سازی", "میلیون ریال"]
    {
        assert!(
            maps_all(&targets, word),
            "{word:?} is not extractable; targets: {targets:?}"
        );
    }
    // The zero-width non-joiner and the footer's page numbers come through too.
    assert!(targets.contains(&'\u{200c}'));
    assert!(!targets.contains(&'%'), "no stray characters: {targets:?}");
}

#[test]
fn the_inspector_can_fail() {
    let pdf = render_pdf(&english_report(vec![Block::Paragraph(
        "plain words".to_owned(),
    )]))
    .expect("renders");
    let targets = unicode_targets(&pdf);
    assert!(maps_all(&targets, "plain words"));
    assert!(
        !maps_all(&targets, "قزوین"),
        "an English document has no Persian glyphs"
    );
    assert!(
        !targets.contains(&'۲'),
        "English page numbers use ASCII digits"
    );
    assert_eq!(page_count(&pdf), 1);
}

#[test]
fn persian_page_numbers_use_persian_digits() {
    let mut doc = persian_report();
    doc.title = "الف".to_owned();
    doc.subtitle = None;
    doc.footer = "پ".to_owned();
    doc.blocks = vec![Block::Paragraph("ب".to_owned())];
    let targets = unicode_targets(&render_pdf(&doc).expect("renders"));
    assert!(targets.contains(&'۱'), "{targets:?}");
    assert!(!targets.contains(&'1'), "{targets:?}");
}

#[test]
fn user_text_is_never_markup() {
    let nasty = r"#panic() *x* [y] $z$ \ <l> @r _u_ `c` // n";
    let table = Table {
        caption: nasty.to_owned(),
        columns: vec![Column {
            title: nasty.to_owned(),
            numeric: false,
        }],
        rows: vec![vec![nasty.to_owned()]],
        total: Some(vec![nasty.to_owned()]),
    };
    let mut doc = english_report(vec![
        Block::Heading(nasty.to_owned()),
        Block::Paragraph(nasty.to_owned()),
        Block::Table(table),
    ]);
    doc.title = nasty.to_owned();
    doc.subtitle = Some(nasty.to_owned());
    doc.footer = nasty.to_owned();
    let pdf = render_pdf(&doc).expect("markup characters are just text");
    let targets = unicode_targets(&pdf);
    for c in nasty.chars().filter(|c| !c.is_whitespace()) {
        assert!(targets.contains(&c), "{c:?} was not printed literally");
    }
}

#[test]
fn english_document_renders() {
    let table = Table {
        caption: "Groups by county".to_owned(),
        columns: vec![
            Column {
                title: "County".to_owned(),
                numeric: false,
            },
            Column {
                title: "Groups".to_owned(),
                numeric: true,
            },
        ],
        rows: vec![
            vec!["Qazvin".to_owned(), "9".to_owned()],
            vec!["Abyek".to_owned(), "5".to_owned()],
        ],
        total: Some(vec!["Total".to_owned(), "14".to_owned()]),
    };
    let chart = hamyar_pdf::BarChart {
        title: "Groups".to_owned(),
        unit: "groups".to_owned(),
        categories: vec!["Qazvin".to_owned(), "Abyek".to_owned()],
        series: vec![ChartSeries {
            name: "2026".to_owned(),
            values: vec![9, 5],
            labels: vec!["9".to_owned(), "5".to_owned()],
        }],
    };
    let pdf = render_pdf(&english_report(vec![
        Block::Heading("Summary".to_owned()),
        Block::Paragraph("Thirty groups were active.".to_owned()),
        Block::Table(table),
        Block::BarChart(chart),
    ]))
    .expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(maps_all(
        &unicode_targets(&pdf),
        "Qazvin Abyek Total Summary Thirty Unit"
    ));
}

#[test]
fn a_long_table_breaks_across_pages() {
    let mut table = county_table();
    table.rows = (1..=80)
        .map(|i| {
            std::iter::once(format!("ردیف {}", fa_number(i)))
                .chain((0..5).map(|k| fa_number(i * 10 + k)))
                .collect()
        })
        .collect();
    let mut doc = persian_report();
    doc.blocks = vec![Block::Table(table)];
    let pdf = render_pdf(&doc).expect("renders");
    assert!(page_count(&pdf) >= 2, "pages: {}", page_count(&pdf));

    let mut short = persian_report();
    short.blocks = vec![Block::Table(county_table())];
    assert_eq!(page_count(&render_pdf(&short).expect("renders")), 1);
}

#[test]
fn rendering_is_deterministic() {
    let doc = persian_report();
    assert_eq!(
        render_pdf(&doc).expect("renders"),
        render_pdf(&doc).expect("renders")
    );
}

#[test]
fn a_row_of_the_wrong_width_is_refused() {
    let mut table = county_table();
    table.rows[2].pop();
    let err = render_pdf(&english_report(vec![Block::Table(table)])).unwrap_err();
    assert!(
        matches!(
            err,
            PdfError::TableRowWidth {
                row: 3,
                expected: 6,
                found: 5,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_total_of_the_wrong_width_is_refused() {
    let mut table = county_table();
    table.total = Some(vec!["جمع".to_owned()]);
    let err = render_pdf(&english_report(vec![Block::Table(table)])).unwrap_err();
    assert!(
        matches!(
            err,
            PdfError::TableTotalWidth {
                expected: 6,
                found: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_table_without_columns_is_refused() {
    let table = Table {
        caption: "empty".to_owned(),
        columns: vec![],
        rows: vec![],
        total: None,
    };
    let err = render_pdf(&english_report(vec![Block::Table(table)])).unwrap_err();
    assert!(
        matches!(err, PdfError::TableWithoutColumns { .. }),
        "{err:?}"
    );
}

#[test]
fn a_chart_series_of_the_wrong_length_is_refused() {
    let mut chart = spending_chart();
    chart.series[1].values.pop();
    let err = render_pdf(&english_report(vec![Block::BarChart(chart)])).unwrap_err();
    assert!(
        matches!(
            err,
            PdfError::ChartValuesLength {
                expected: 6,
                found: 5,
                ..
            }
        ),
        "{err:?}"
    );

    let mut chart = spending_chart();
    chart.series[0].labels.push("x".to_owned());
    let err = render_pdf(&english_report(vec![Block::BarChart(chart)])).unwrap_err();
    assert!(
        matches!(
            err,
            PdfError::ChartLabelsLength {
                expected: 6,
                found: 7,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_negative_chart_value_is_refused() {
    let mut chart = spending_chart();
    chart.series[0].values[4] = -3;
    let err = render_pdf(&english_report(vec![Block::BarChart(chart)])).unwrap_err();
    match err {
        PdfError::ChartNegativeValue {
            category, value, ..
        } => {
            assert_eq!(category, "بوئین‌زهرا");
            assert_eq!(value, -3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_chart_is_refused() {
    let mut chart = spending_chart();
    chart.series.clear();
    let err = render_pdf(&english_report(vec![Block::BarChart(chart)])).unwrap_err();
    assert!(matches!(err, PdfError::ChartEmpty { .. }), "{err:?}");
    assert!(err.to_string().contains("no categories or no series"));
}

#[test]
fn a_chart_of_zeros_renders() {
    let mut chart = spending_chart();
    for series in &mut chart.series {
        series.values.iter_mut().for_each(|v| *v = 0);
    }
    assert!(render_pdf(&english_report(vec![Block::BarChart(chart)])).is_ok());
}

#[test]
fn renders_from_several_threads_agree() {
    let doc = persian_report();
    let expected = render_pdf(&doc).expect("renders");
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4).map(|_| scope.spawn(|| render_pdf(&doc))).collect();
        for handle in handles {
            assert_eq!(handle.join().expect("no panic").expect("renders"), expected);
        }
    });
}

/// A letter on a letterhead with every block a document uses, as a reader takes it
/// from the page: the Persian words in their order, the numbers the right way round.
fn letter() -> ReportDocument {
    use hamyar_pdf::{Field, Letterhead, Logo};
    let logo = Logo::new(
        br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#2f6b9a"/></svg>"##
            .to_vec(),
    )
    .expect("an SVG logo");
    let mut doc = ReportDocument::new(Lang::Fa, "گواهی ثبت گروه همیار", "تهیه‌شده با همیار");
    doc.letterhead = Some(Letterhead {
        name: "ادارهٔ کل بهزیستی استان قزوین".to_owned(),
        second_name: Some("Welfare Organization of Qazvin Province".to_owned()),
        address: Some("قزوین، خیابان نادری، تلفن ۳۳۳۳۳۳۳۳-۰۲۸".to_owned()),
        logo: Some(logo),
    });
    doc.corner = vec!["تاریخ: ۱۴۰۵/۰۸/۱۵".to_owned(), "شماره: ۱۲۷".to_owned()];
    doc.blocks = vec![
        Block::Paragraph(
            "بدین‌وسیله گواهی می‌شود گروه همیار گل‌سرخ در شهرستان آبیک ثبت شده است.".to_owned(),
        ),
        Block::Fields(vec![
            Field::new("نام گروه", "گل‌سرخ"),
            Field::new("کد گروه", "۱۴۰۵۰۰۱۲"),
            Field::new("تاریخ بازدید", ""),
        ]),
        Block::Numbered(vec![
            "اعضا ماهانه پس‌انداز می‌کنند.".to_owned(),
            "تصمیم‌ها با رأی اکثریت گرفته می‌شود.".to_owned(),
        ]),
        Block::Table(Table {
            caption: "اعضا".to_owned(),
            columns: vec![
                Column {
                    title: "نام".to_owned(),
                    numeric: false,
                },
                Column {
                    title: "مبلغ".to_owned(),
                    numeric: true,
                },
            ],
            rows: vec![vec!["مریم احمدی".to_owned(), "۱۲٬۵۰۰٬۰۰۰ ریال".to_owned()]],
            total: None,
        }),
        Block::Signatures(vec![
            "مددکار اجتماعی".to_owned(),
            "رئیس ادارهٔ شهرستان".to_owned(),
        ]),
    ];
    doc
}

#[test]
fn a_letter_on_the_letterhead_reads_in_order() {
    let pdf = render_pdf(&letter()).expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(hamyar_pdf::inspect::page_count(&pdf), 1);
    let text = hamyar_pdf::inspect::text(&pdf);
    for expected in [
        "ادارهٔ کل بهزیستی استان قزوین",
        "Welfare Organization of Qazvin Province",
        "تلفن ۳۳۳۳۳۳۳۳-۰۲۸",
        "تاریخ: ۱۴۰۵/۰۸/۱۵",
        "گواهی ثبت گروه همیار",
        "بدین‌وسیله گواهی می‌شود گروه همیار گل‌سرخ در شهرستان آبیک ثبت شده است.",
        "کد گروه: ۱۴۰۵۰۰۱۲",
        "۱. اعضا ماهانه پس‌انداز می‌کنند.",
        "مریم احمدی ۱۲٬۵۰۰٬۰۰۰ ریال",
        "مددکار اجتماعی",
    ] {
        let expected = hamyar_pdf::inspect::without_zwnj(expected);
        assert!(text.contains(&expected), "{expected:?} is not in:\n{text}");
    }
    // The inspector reads order, not only letters: the words reversed are not there.
    assert!(!text.contains("قزوین استان بهزیستی"), "{text}");
    if let Ok(dir) = std::env::var("HAMYAR_PDF_LOOK") {
        let png = hamyar_pdf::inspect::page_png(&pdf, 0, 1.5).expect("a page");
        std::fs::write(format!("{dir}/letter.png"), png).expect("written");
    }
    assert!(
        hamyar_pdf::inspect::page_png(&pdf, 0, 0.5).is_some_and(|png| png.starts_with(b"\x89PNG"))
    );
}

#[test]
fn a_logo_too_large_or_not_an_image_is_refused() {
    use hamyar_pdf::Logo;
    assert!(matches!(
        Logo::new(vec![b'<'; hamyar_pdf::MAX_LOGO_BYTES + 1]),
        Err(PdfError::LogoTooLarge { .. })
    ));
    assert!(matches!(
        Logo::new(b"GIF89a".to_vec()),
        Err(PdfError::LogoFormat)
    ));
    let mut huge = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    huge.extend(100_000u32.to_be_bytes());
    huge.extend(10u32.to_be_bytes());
    assert!(matches!(
        Logo::new(huge),
        Err(PdfError::LogoPixels { width: 100_000, .. })
    ));
}

/// A table of thirteen columns, as the groups-by-stage table of the provincial report:
/// set smaller to fit, its text column keeps its heading and names, and every number
/// stays whole on its row.
#[test]
fn a_wide_table_is_set_smaller_and_keeps_its_text_column() {
    let titles = [
        "شهرستان",
        "شناسایی‌شده",
        "آموزش‌دیده",
        "ثبت‌شده",
        "تأمین مالی‌شده",
        "فعال",
        "غیرفعال",
        "فعال‌شدهٔ دوباره",
        "منحل",
        "مستقل‌شده",
        "همه",
        "اعضا",
    ];
    let columns = titles
        .iter()
        .enumerate()
        .map(|(i, title)| Column {
            title: (*title).to_owned(),
            numeric: i > 0,
        })
        .collect();
    let rows = ["قزوین", "بوئین‌زهرا", "تاکستان"]
        .iter()
        .map(|county| {
            std::iter::once((*county).to_owned())
                .chain((1..titles.len()).map(|k| fa_number(1_000 * k as i64 + 7)))
                .collect()
        })
        .collect();
    let mut doc = persian_report();
    doc.blocks = vec![Block::Table(Table {
        caption: "گروه‌ها و اعضا".to_owned(),
        columns,
        rows,
        total: None,
    })];
    let pdf = render_pdf(&doc).expect("renders");
    if let Ok(dir) = std::env::var("HAMYAR_PDF_LOOK") {
        std::fs::write(format!("{dir}/wide.pdf"), &pdf).expect("written");
    }
    let text = hamyar_pdf::inspect::without_zwnj(&hamyar_pdf::inspect::text(&pdf));
    let header = hamyar_pdf::inspect::without_zwnj(&titles.join(" "));
    assert!(text.contains(&header), "{header:?} not in:\n{text}");
    let row: Vec<String> = std::iter::once("بوئینزهرا".to_owned())
        .chain((1..titles.len()).map(|k| fa_number(1_000 * k as i64 + 7)))
        .collect();
    assert!(
        text.contains(&row.join(" ")),
        "{:?} not in:\n{text}",
        row.join(" ")
    );
}
