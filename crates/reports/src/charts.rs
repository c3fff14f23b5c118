//! Bar charts drawn on the server as inline SVG, for dashboards: no JavaScript library,
//! nothing fetched, and they print. One kind serves every figure: a row per category (an
//! area, a month), bars laid horizontally, either side by side (one per series) or stacked.
//! In the Persian interface bars grow from the right edge, where the labels sit, like the
//! text; in English from the left. Labels carry the language's digits. Every text drawn is
//! escaped; colours are SVG presentation attributes, which the content security policy (no
//! inline style) allows. The numbers a chart draws are always also shown as a table.
//!
//! A chart is drawn twice, wide and narrow, and the stylesheet shows the one that suits its
//! container (docs/DESIGN.md, "Phone layouts"): text is sized in the view box so that it is
//! drawn at 11 px or more on a 360-px phone, and every text is placed by a generous estimate
//! of its width ([`text_width`]) — the labels' column and the room for the numbers are as wide
//! as their widest text, a long label wraps and is cut with «…» only past two lines (whole
//! in its tooltip), so nothing runs out of the drawing at any width.

use std::fmt::Write;

use hamyar_i18n::Lang;

/// Colours of series, in order; chosen to stay apart for common colour blindness.
pub const PALETTE: [&str; 8] = [
    "#2f6fb3", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#b59b00",
];

/// One series of values, one per category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
    /// What is written at each bar (the value as the table shows it).
    pub labels: Vec<String>,
}

/// A chart before drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    pub title: String,
    /// What the values count («گروه», «میلیون ریال»).
    pub unit: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub stacked: bool,
}

/// One way of laying a chart out. The drawing is scaled to its container (the view box's
/// width fills the figure), so one unit is drawn at (container width / `width`) pixels; the
/// stylesheet shows the wide drawing only in a container at least 36rem (576 px) wide and
/// the narrow one only below that, never wider than 30rem (480 px). So text of `font` units
/// is drawn at 14 × 576 / 640 = 12.6 px or more when wide, and at 14 × 294 / 360 = 11.4 px or
/// more when narrow on a phone 360 px wide (12.6 px on one 390 px wide).
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// The `data-layout` attribute the stylesheet chooses by.
    name: &'static str,
    width: f64,
    font: f64,
    /// Category labels beside their bars (wide) or on a line of their own above them (narrow).
    beside: bool,
}

const WIDE: Layout = Layout {
    name: "wide",
    width: 640.0,
    font: 14.0,
    beside: true,
};
const NARROW: Layout = Layout {
    name: "narrow",
    width: 360.0,
    font: 14.0,
    beside: false,
};

/// Space kept free along the drawing's edges.
const MARGIN: f64 = 6.0;
/// Vazirmatn's ascent and its full height (ascent + descent) in ems, as Chromium boxes a line
/// of its text (measured: 1.03 and 1.57); a line of labels takes `LINE` ems, so the boxes of
/// two lines never meet.
const ASCENT: f64 = 1.05;
const TEXT_HEIGHT: f64 = 1.6;
const LINE: f64 = 1.6;
/// Between a bar's end and its number, and between the label column and the bars.
const PAD: f64 = 4.0;
const LABEL_GAP: f64 = 8.0;
/// A legend entry's colour swatch and the room after an entry.
const SWATCH: f64 = 12.0;
const LEGEND_GAP: f64 = 16.0;
/// At most this share of a wide drawing is the labels' column; longer labels wrap.
const LABEL_SHARE: f64 = 0.35;
/// The bars keep at least this share of the drawing; longer numbers widen the view box
/// (everything is then drawn a little smaller) rather than run out of it.
const MIN_PLOT_SHARE: f64 = 0.3;
/// At most this many lines of a category label; the rest is cut with «…», and the whole
/// label is the text's tooltip (`<title>`).
const MAX_LABEL_LINES: usize = 2;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A generous estimate of the width of `text` drawn in Vazirmatn at `size` units: each
/// character at about the advance of the wider glyphs of its kind (joined Persian letters are
/// usually narrower than these), so a label measured here fits where it is put. Measured
/// against the browser's drawing by the layout test (e2e/layouts.test.mjs).
pub fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 =
        text.chars()
            .map(|c| match c {
                '\u{200b}'..='\u{200f}' | '\u{2066}'..='\u{2069}' | '\u{202a}'..='\u{202e}' => 0.0,
                ' ' | '\u{a0}' | '\u{202f}' => 0.3,
                '.' | ',' | '\u{66b}' | '\u{66c}' | '\u{60c}' | ':' | '(' | ')' | 'i' | 'l'
                | 'j' | 'I' => 0.35,
                'ا' | 'آ' | 'أ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ـ' | 'ٔ' => {
                    0.5
                }
                '0'..='9' | '۰'..='۹' | '٠'..='٩' => 0.5,
                'س' | 'ش' | 'ص' | 'ض' | '…' | 'M' | 'W' | 'm' | 'w' => 1.0,
                'ب' | 'پ' | 'ت' | 'ث' | 'ف' | 'ک' | 'گ' | 'ط' | 'ظ' | 'ق' | 'ی' | 'ئ' | 'ي'
                | 'ك' => 0.75,
                'A'..='Z' => 0.72,
                _ => 0.65,
            })
            .sum();
    ems * size
}

/// `text` shortened with «…» to fit `room` (unchanged when it fits).
fn shorten(text: &str, room: f64, size: f64) -> String {
    if text_width(text, size) <= room {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
        if text_width(&candidate, size) <= room {
            return candidate;
        }
    }
    "…".to_owned()
}

/// `text` in lines that each fit `room`, broken between words, at most `max_lines` of them;
/// true when something had to be cut (then the caller shows the whole text as a tooltip).
fn wrap(text: &str, room: f64, size: f64, max_lines: usize) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if current.is_empty() {
            current = word.to_owned();
            continue;
        }
        let candidate = format!("{current} {word}");
        if text_width(&candidate, size) <= room {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    let mut cut = false;
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(rest);
    }
    for line in &mut lines {
        let short = shorten(line, room, size);
        if short != *line {
            *line = short;
            cut = true;
        }
    }
    (lines, cut)
}

/// A `<text>`: its lines (one `<tspan>` each after the first), and the whole label as its
/// tooltip when it was cut.
fn text_element(
    x: f64,
    baseline: f64,
    line: f64,
    anchor: &str,
    lines: &[String],
    full: Option<&str>,
) -> String {
    let mut out = format!("<text x=\"{x:.1}\" y=\"{baseline:.1}\" text-anchor=\"{anchor}\">");
    if let Some(full) = full {
        let _ = write!(out, "<title>{}</title>", escape(full));
    }
    for (index, text) in lines.iter().enumerate() {
        if index == 0 {
            out.push_str(&escape(text));
        } else {
            let _ = write!(
                out,
                "<tspan x=\"{x:.1}\" y=\"{:.1}\">{}</tspan>",
                baseline + line * index as f64,
                escape(text)
            );
        }
    }
    out.push_str("</text>");
    out
}

impl BarChart {
    /// True when nothing would be drawn (no category or every value zero).
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() || self.series.iter().all(|s| s.values.iter().all(|v| *v <= 0))
    }

    fn value(&self, series: usize, row: usize) -> i64 {
        self.series[series]
            .values
            .get(row)
            .copied()
            .unwrap_or(0)
            .max(0)
    }

    /// The largest bar: a stack's sum or the largest single value.
    fn largest(&self) -> i64 {
        (0..self.categories.len())
            .map(|row| {
                let values = (0..self.series.len()).map(|s| self.value(s, row));
                if self.stacked {
                    values.sum()
                } else {
                    values.max().unwrap_or(0)
                }
            })
            .max()
            .unwrap_or(0)
            .max(1)
    }

    /// The numbers written at the bars' ends: each bar's label, or each stack's total.
    fn end_labels(&self, row: usize, lang: Lang) -> Vec<String> {
        if self.stacked {
            let total: i64 = (0..self.series.len()).map(|s| self.value(s, row)).sum();
            vec![if total > 0 {
                lang.number(total)
            } else {
                String::new()
            }]
        } else {
            self.series
                .iter()
                .enumerate()
                .map(|(s, series)| {
                    if self.value(s, row) > 0 {
                        series.labels.get(row).cloned().unwrap_or_default()
                    } else {
                        String::new()
                    }
                })
                .collect()
        }
    }

    /// The chart drawn twice, wide (labels beside the bars) and narrow (labels above them),
    /// each sized by its view box to the container's width; the stylesheet shows the one that
    /// fits the container, so the text stays readable on a phone and never runs out of the
    /// drawing at any width.
    pub fn to_svg(&self, lang: Lang) -> String {
        let mut out = self.draw(lang, WIDE);
        out.push_str(&self.draw(lang, NARROW));
        out
    }

    fn draw(&self, lang: Lang, layout: Layout) -> String {
        let rtl = lang == Lang::Fa;
        let font = layout.font;
        let line = (LINE * font).ceil();
        // Bars are a line apart, so the numbers at their ends never touch.
        let pitch = line;
        let thickness = (font + 2.0).min(pitch - 4.0);
        let bars_per_row = if self.stacked {
            1
        } else {
            self.series.len().max(1)
        };
        let bars_height = pitch * bars_per_row as f64;
        let row_gap = (font * 0.6).round();

        let value_room = (0..self.categories.len())
            .flat_map(|row| self.end_labels(row, lang))
            .map(|label| text_width(&label, font))
            .fold(0.0, f64::max)
            + PAD
            + 2.0;
        let label_column = if layout.beside {
            let widest = self
                .categories
                .iter()
                .map(|c| text_width(c, font))
                .fold(0.0, f64::max);
            widest.min(layout.width * LABEL_SHARE)
        } else {
            0.0
        };
        let fixed = 2.0 * MARGIN
            + value_room
            + if layout.beside {
                label_column + LABEL_GAP
            } else {
                0.0
            };
        let width = layout
            .width
            .max((fixed + layout.width * MIN_PLOT_SHARE).ceil());
        let plot_width = width - fixed;
        let scale = plot_width / self.largest() as f64;
        let label_room = if layout.beside {
            label_column
        } else {
            width - 2.0 * MARGIN
        };
        // x of the bars' base and the direction they grow in. Anchors follow the drawing's
        // direction: in Persian `start` is a text's right edge, so text runs leftwards from x.
        let edge = |distance: f64| if rtl { width - distance } else { distance };
        let sign = if rtl { -1.0 } else { 1.0 };
        let base = edge(
            MARGIN
                + if layout.beside {
                    label_column + LABEL_GAP
                } else {
                    0.0
                },
        );
        let (label_x, label_anchor) = if layout.beside && !rtl {
            (MARGIN + label_column, "end")
        } else {
            (edge(MARGIN), "start")
        };
        // The baseline that centres a line of text on `middle`.
        let centred = |middle: f64| middle + (ASCENT - TEXT_HEIGHT / 2.0) * font;

        let mut body = String::new();
        // Legend: entries one after another from the reading side, wrapping when the next
        // one would not fit.
        let legend_room = width - 2.0 * MARGIN;
        let (mut used, mut legend_row) = (0.0_f64, 0_usize);
        for (index, series) in self.series.iter().enumerate() {
            let name = shorten(&series.name, legend_room - SWATCH - PAD - 2.0, font);
            let entry = SWATCH + PAD + 2.0 + text_width(&name, font);
            if used > 0.0 && used + entry > legend_room {
                legend_row += 1;
                used = 0.0;
            }
            let top = MARGIN + legend_row as f64 * line;
            let swatch = edge(MARGIN + used) - if rtl { SWATCH } else { 0.0 };
            let text_x = edge(MARGIN + used + SWATCH + PAD + 2.0);
            let _ = write!(
                body,
                "<rect x=\"{swatch:.1}\" y=\"{:.1}\" width=\"{SWATCH}\" height=\"{SWATCH}\" fill=\"{}\"/>",
                top + (line - SWATCH) / 2.0,
                PALETTE[index % PALETTE.len()],
            );
            let full = (name != series.name).then_some(series.name.as_str());
            body.push_str(&text_element(
                text_x,
                centred(top + line / 2.0),
                line,
                "start",
                &[name],
                full,
            ));
            used += entry + LEGEND_GAP;
        }
        let mut top = MARGIN
            + if self.series.is_empty() {
                0.0
            } else {
                (legend_row + 1) as f64 * line + row_gap
            };

        for (row, category) in self.categories.iter().enumerate() {
            let (lines, cut) = wrap(category, label_room, font, MAX_LABEL_LINES);
            let labels_height = line * lines.len() as f64;
            // A row with nothing to draw is only its label: a country's chart with one
            // province's figures is not thirty rows of empty bars long.
            let empty = (0..self.series.len()).all(|s| self.value(s, row) == 0);
            let bars = if empty { 0.0 } else { bars_height };
            let (label_top, bars_top, row_height) = if layout.beside {
                let content = bars.max(labels_height);
                (
                    top + (content - labels_height) / 2.0,
                    top + (content - bars) / 2.0,
                    content,
                )
            } else {
                (top, top + labels_height, labels_height + bars)
            };
            body.push_str(&text_element(
                label_x,
                centred(label_top + line / 2.0),
                line,
                label_anchor,
                &lines,
                cut.then_some(category.as_str()),
            ));
            let ends = self.end_labels(row, lang);
            let mut offset = 0.0;
            for (index, series) in self.series.iter().enumerate() {
                let value = self.value(index, row);
                let length = value as f64 * scale;
                let slot = if self.stacked { 0 } else { index };
                let y = bars_top + slot as f64 * pitch + (pitch - thickness) / 2.0;
                let start = base + sign * offset;
                let x = if rtl { start - length } else { start };
                let label = series.labels.get(row).map(String::as_str).unwrap_or("");
                let _ = write!(
                    body,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{length:.1}\" height=\"{thickness:.1}\" \
                     fill=\"{}\"><title>{}</title></rect>",
                    PALETTE[index % PALETTE.len()],
                    escape(&format!("{} — {}: {}", category, series.name, label))
                );
                if self.stacked {
                    offset += length;
                } else if let Some(end) = ends.get(index).filter(|e| !e.is_empty()) {
                    let _ = write!(
                        body,
                        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\">{}</text>",
                        start + sign * (length + PAD),
                        centred(y + thickness / 2.0),
                        escape(end)
                    );
                }
            }
            if self.stacked
                && let Some(total) = ends.first().filter(|e| !e.is_empty())
            {
                let _ = write!(
                    body,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\">{}</text>",
                    base + sign * (offset + PAD),
                    centred(bars_top + pitch / 2.0),
                    escape(total)
                );
            }
            top += row_height + row_gap;
        }
        let height = (top - row_gap + MARGIN).ceil();
        format!(
            "<svg class=\"chart\" data-layout=\"{}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" \
             aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"{}\" \
             font-family=\"Vazirmatn, Tahoma, sans-serif\" font-size=\"{font}\">{body}</svg>",
            layout.name,
            escape(&format!("{} ({})", self.title, self.unit)),
            if rtl { "rtl" } else { "ltr" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(stacked: bool) -> BarChart {
        BarChart {
            title: "گروه‌ها <و> اعضا".into(),
            unit: "گروه".into(),
            categories: vec!["تاکستان".into(), "آبیک".into()],
            series: vec![
                Series {
                    name: "فعال".into(),
                    values: vec![10, 5],
                    labels: vec!["۱۰".into(), "۵".into()],
                },
                Series {
                    name: "غیرفعال".into(),
                    values: vec![2, 0],
                    labels: vec!["۲".into(), "۰".into()],
                },
            ],
            stacked,
        }
    }

    /// A money chart with long numbers and a category label too long for any column.
    fn money_chart() -> BarChart {
        let long = "شهرستان بوئین‌زهرا و بخش‌های تابع آن با نامی بسیار بسیار طولانی برای آزمون چیدمان نمودارها در صفحه‌های باریک و پهن، که در هیچ دو خطی نمی‌گنجد";
        BarChart {
            title: "بودجه".into(),
            unit: "ریال".into(),
            categories: vec!["تاکستان".into(), long.into(), "آبیک".into()],
            series: ["بودجه", "تعهدشده", "پرداخت‌شده"]
                .iter()
                .map(|name| Series {
                    name: (*name).into(),
                    values: vec![3_950_000_000, 1_743_000_000, 12_000_000],
                    labels: vec![
                        "۳ میلیارد و ۹۵۰ میلیون".into(),
                        "۱ میلیارد و ۷۴۳ میلیون".into(),
                        "۱۲ میلیون".into(),
                    ],
                })
                .collect(),
            stacked: false,
        }
    }

    fn attr(element: &str, name: &str) -> Option<f64> {
        let key = format!(" {name}=\"");
        let start = element.find(&key)? + key.len();
        let end = element[start..].find('"')? + start;
        element[start..end].parse().ok()
    }

    /// The widths of the bars drawn, in order.
    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .filter(|rect| rect.contains("<title>"))
            .map(|rect| attr(&format!(" {rect}"), "width").unwrap())
            .collect()
    }

    /// Every line of text drawn: (left, right, top, bottom) by the width estimate, in units.
    fn text_boxes(svg: &str, rtl: bool, font: f64) -> Vec<(f64, f64, f64, f64, String)> {
        let mut boxes = Vec::new();
        for part in svg.split("<text ").skip(1) {
            let element = format!(" {part}");
            let anchor_start = element.contains("text-anchor=\"start\"");
            let body = &part[part.find('>').unwrap() + 1..part.find("</text>").unwrap()];
            let body = match body.find("</title>") {
                Some(end) => &body[end + 8..],
                None => body,
            };
            let mut lines = vec![(
                attr(&element, "x").unwrap(),
                attr(&element, "y").unwrap(),
                body.split("<tspan").next().unwrap().to_owned(),
            )];
            for tspan in body.split("<tspan").skip(1) {
                let tag = format!(" {tspan}");
                let text = &tspan[tspan.find('>').unwrap() + 1..tspan.find("</tspan>").unwrap()];
                lines.push((
                    attr(&tag, "x").unwrap(),
                    attr(&tag, "y").unwrap(),
                    text.to_owned(),
                ));
            }
            for (x, y, text) in lines {
                let w = text_width(&text, font);
                // `start` runs with the text's direction; `end` against it.
                let leftwards = rtl == anchor_start;
                let (left, right) = if leftwards { (x - w, x) } else { (x, x + w) };
                boxes.push((
                    left,
                    right,
                    y - ASCENT * font,
                    y - ASCENT * font + TEXT_HEIGHT * font,
                    text,
                ));
            }
        }
        boxes
    }

    fn drawings(svg: &str) -> Vec<&str> {
        svg.split_inclusive("</svg>").collect()
    }

    #[test]
    fn bars_are_proportional_to_their_values_in_both_drawings() {
        let svg = chart(false).to_svg(Lang::Fa);
        let drawings = drawings(&svg);
        assert_eq!(drawings.len(), 2);
        assert!(drawings[0].contains("data-layout=\"wide\""));
        assert!(drawings[1].contains("data-layout=\"narrow\""));
        for drawing in drawings {
            let w = widths(drawing);
            assert_eq!(w.len(), 4);
            assert!((w[0] / w[2] - 2.0).abs() < 0.01, "{w:?}");
            assert!((w[0] / w[1] - 5.0).abs() < 0.01, "{w:?}");
            assert_eq!(w[3], 0.0);
        }
    }

    #[test]
    fn persian_bars_grow_leftwards_from_the_labels_on_the_right() {
        for layout in [WIDE, NARROW] {
            let svg = chart(false).draw(Lang::Fa, layout);
            let bars: Vec<&str> = svg
                .split("<rect ")
                .skip(1)
                .filter(|r| r.contains("<title>"))
                .collect();
            let first = format!(" {}", bars[0]);
            let (x, w) = (attr(&first, "x").unwrap(), attr(&first, "width").unwrap());
            let label = text_boxes(&svg, true, layout.font)
                .into_iter()
                .find(|b| b.4 == "تاکستان")
                .unwrap();
            assert!(x + w <= label.1 + 0.1, "the bar ends at the label's side");
            if layout.beside {
                assert!(x + w <= label.0, "the bar stops before the label");
            }
            let english = chart(false).draw(Lang::En, layout);
            let bar = format!(
                " {}",
                english
                    .split("<rect ")
                    .find(|r| r.contains("<title>"))
                    .unwrap()
            );
            let label = text_boxes(&english, false, layout.font)
                .into_iter()
                .find(|b| b.4 == "تاکستان")
                .unwrap();
            let x = attr(&bar, "x").unwrap();
            if layout.beside {
                assert!(x >= label.1, "English bars start right of their label");
            } else {
                assert!(
                    (x - label.0).abs() < 0.1,
                    "under their label, from its left edge"
                );
            }
        }
    }

    #[test]
    fn stacked_bars_sum_and_text_is_escaped() {
        let svg = chart(true).to_svg(Lang::Fa);
        assert!(svg.contains(">۱۲</text>"), "the stack's total is written");
        assert!(svg.contains("&lt;و&gt;"));
        assert!(!svg.contains("<و>"));
    }

    #[test]
    fn every_text_lies_inside_its_drawing_and_clear_of_the_others() {
        for lang in [Lang::Fa, Lang::En] {
            for chart in [chart(false), chart(true), money_chart()] {
                for layout in [WIDE, NARROW] {
                    let svg = chart.draw(lang, layout);
                    let view: Vec<f64> = svg
                        .split("viewBox=\"")
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .split(' ')
                        .map(|n| n.parse().unwrap())
                        .collect();
                    let boxes = text_boxes(&svg, lang == Lang::Fa, layout.font);
                    for (left, right, top, bottom, text) in &boxes {
                        assert!(
                            *left >= 0.0 && *right <= view[2] && *top >= 0.0 && *bottom <= view[3],
                            "{} {lang:?}: «{text}» at {left:.0}…{right:.0} × {top:.0}…{bottom:.0} outside {view:?}",
                            layout.name
                        );
                    }
                    for (i, a) in boxes.iter().enumerate() {
                        for b in &boxes[i + 1..] {
                            let across = a.1.min(b.1) - a.0.max(b.0);
                            let down = a.3.min(b.3) - a.2.max(b.2);
                            assert!(
                                across <= 0.0 || down <= 0.0,
                                "{} {lang:?}: «{}» overlaps «{}»",
                                layout.name,
                                a.4,
                                b.4
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_label_too_long_wraps_then_is_cut_with_the_whole_label_as_its_tooltip() {
        let chart = money_chart();
        let long = chart.categories[1].clone();
        for layout in [WIDE, NARROW] {
            let svg = chart.draw(Lang::Fa, layout);
            assert!(svg.contains(&format!("<title>{long}</title>")), "{svg}");
            let label = svg
                .split("<text ")
                .find(|t| t.contains(&format!("<title>{long}")))
                .unwrap();
            assert_eq!(label.matches("<tspan").count(), MAX_LABEL_LINES - 1);
            assert!(label.contains('…'));
        }
        // A label that fits is written whole, without a tooltip of its own.
        let svg = chart.draw(Lang::Fa, WIDE);
        assert!(svg.contains(">تاکستان</text>"));
    }

    #[test]
    fn long_numbers_widen_the_narrow_drawing_rather_than_run_out_of_it() {
        let mut chart = money_chart();
        for series in &mut chart.series {
            series.labels[0] = "۳ میلیارد و ۹۵۰ میلیون و ۱۲۳ هزار و ۴۵۶ ریال و باز هم بیشتر".into();
        }
        let svg = chart.draw(Lang::Fa, NARROW);
        let width: f64 = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(width > NARROW.width, "{width}");
    }

    #[test]
    fn the_width_estimate_is_generous_for_the_labels_a_dashboard_draws() {
        // Measured in Chromium with the page's Vazirmatn at 100 px (e2e/layouts.test.mjs
        // checks every label the demo draws).
        for (text, drawn) in [
            ("۳ میلیارد و ۹۵۰ میلیون", 900.0),
            ("بوئین‌زهرا", 367.0),
            ("فعال‌شدهٔ دوباره", 619.0),
            ("آموزش و مهارت‌آموزی", 833.0),
            ("پرداخت‌شده", 475.0),
            ("۱٬۷۴۳٬۰۰۰٬۰۰۰", 542.0),
            ("حدود یک میلیارد و ۴۹۵ میلیون ریال", 1397.0),
            ("کمیته امداد امام خمینی (ره)", 1099.0),
            ("ششششش", 456.0),
            ("3 billion 950 million", 868.0),
            ("Buin Zahra", 480.0),
            ("WWWW", 355.0),
        ] {
            let estimate = text_width(text, 100.0);
            assert!(estimate >= drawn, "«{text}»: {estimate} < {drawn}");
        }
    }

    #[test]
    fn an_empty_row_is_only_its_label() {
        let full = money_chart();
        let mut one_empty = money_chart();
        for series in &mut one_empty.series {
            series.values[2] = 0;
        }
        for layout in [WIDE, NARROW] {
            let height = |chart: &BarChart| -> f64 {
                let svg = chart.draw(Lang::Fa, layout);
                let view = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
                view.split(['"', ' ']).nth(1).unwrap().parse().unwrap()
            };
            assert!(height(&one_empty) < height(&full), "{}", layout.name);
            assert!(
                one_empty.draw(Lang::Fa, layout).contains(">آبیک</text>"),
                "its label stays"
            );
        }
    }

    #[test]
    fn a_chart_of_zeros_is_empty() {
        let mut empty = chart(false);
        for series in &mut empty.series {
            series.values = vec![0, 0];
        }
        assert!(empty.is_empty());
        assert!(!chart(false).is_empty());
    }
}
