//! The chart of a group's revenue and profit over time, drawn on the server as inline SVG:
//! no JavaScript library, nothing fetched, and it prints. Every month from the first recorded
//! one to the current month has a slot, so a month nobody recorded shows as a hatched gap
//! (and the profit line breaks there) instead of silently joining its neighbours.
//!
//! In the Persian interface time runs from right to left, like the text: the earliest month
//! sits at the right edge. Labels use the language's digits and month names and the user's
//! money unit. Every text drawn comes from numbers and the calendar, never from user input,
//! and is escaped anyway. Colours are SVG presentation attributes, which the page's
//! content security policy (no inline style) allows.

use hamyar_reports::format;
use std::fmt::Write;

use hamyar_app::ports::group_life::BusinessMonthRow;
use hamyar_domain::group_life::{YearMonth, months_from};
use hamyar_domain::{JalaliDate, MoneyUnit};

use hamyar_i18n::Lang;

/// At most this many months are drawn (the latest ones); the table lists them all.
const MAX_MONTHS: usize = 24;
// The drawing is scaled to the card's width; on a 390-px phone one unit is about half a
// pixel (324 px for 640 units), so text is drawn at 24 units: 12 px there (docs/DESIGN.md,
// "Phone layouts"). Chromium boxes a line of Vazirmatn 1.6 em high, 1.05 em of it above the
// baseline: the month names and the years under the axis are that far apart.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 342.0;
const FONT: f64 = 24.0;
/// Baselines of the month names and of the years under the axis.
const MONTH_LINE: f64 = BOTTOM + 10.0 + 1.05 * FONT;
const YEAR_LINE: f64 = MONTH_LINE + 1.6 * FONT;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 250.0;
const SIDE: f64 = 40.0;
/// At most this many month names under the axis, so they never overlap (the longest,
/// «Ordibehesht», takes about 120 of the 140 units between two).
const MAX_LABELS: usize = 4;
const REVENUE_COLOUR: &str = "#2f6fb3";
const PROFIT_COLOUR: &str = "#c2410c";
const GAP_COLOUR: &str = "#9aa3ad";

/// What one month slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub month: YearMonth,
    /// (revenue, profit) in rials; `None` for a month without a record.
    pub values: Option<(i64, i64)>,
}

/// The months the chart spans: from the first recorded month to the current one (or the
/// last recorded, if later), the latest [`MAX_MONTHS`] of them. Empty without records.
pub fn slots(months: &[BusinessMonthRow], today: JalaliDate) -> Vec<Slot> {
    let recorded: Vec<(YearMonth, (i64, i64))> = months
        .iter()
        .filter_map(|m| {
            let month = YearMonth::new(i32::try_from(m.year).ok()?, u8::try_from(m.month).ok()?)?;
            Some((month, (m.revenue_rials, m.profit_rials)))
        })
        .collect();
    let Some(first) = recorded.iter().map(|(m, _)| *m).min() else {
        return Vec::new();
    };
    let last = recorded
        .iter()
        .map(|(m, _)| *m)
        .max()
        .map_or(YearMonth::of(today), |m| m.max(YearMonth::of(today)));
    let all = months_from(first, last);
    let skip = all.len().saturating_sub(MAX_MONTHS);
    all.into_iter()
        .skip(skip)
        .map(|month| Slot {
            month,
            values: recorded.iter().find(|(m, _)| *m == month).map(|(_, v)| *v),
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn month_label(month: YearMonth, lang: Lang) -> String {
    let name = match lang {
        Lang::Fa => hamyar_domain::month_name_fa(month.month),
        Lang::En => hamyar_domain::month_name_en(month.month),
    }
    .unwrap_or("");
    name.to_owned()
}

/// The vertical scale: rials to y, with zero inside the range.
struct Scale {
    low: i64,
    high: i64,
}

impl Scale {
    fn of(slots: &[Slot]) -> Scale {
        let values = slots.iter().filter_map(|s| s.values);
        let (mut low, mut high) = (0_i64, 0_i64);
        for (revenue, profit) in values {
            low = low.min(profit).min(revenue);
            high = high.max(revenue).max(profit);
        }
        if high == low {
            high = low + 1;
        }
        Scale { low, high }
    }

    fn y(&self, value: i64) -> f64 {
        let span = (self.high - self.low) as f64;
        BOTTOM - (value - self.low) as f64 / span * (BOTTOM - TOP)
    }
}

/// Where things go: the scale, the slots' width and the direction time runs in.
struct Canvas {
    scale: Scale,
    slot_width: f64,
    lang: Lang,
    unit: MoneyUnit,
}

impl Canvas {
    fn centre(&self, index: usize) -> f64 {
        let offset = SIDE + (index as f64 + 0.5) * self.slot_width;
        if self.lang.dir() == "rtl" {
            WIDTH - offset
        } else {
            offset
        }
    }

    fn money(&self, amount: i64) -> String {
        escape(&format::money(amount, self.unit, self.lang))
    }

    /// The zero line and the amounts at the end of the time axis (the left in Persian),
    /// drawn last so they sit over the bars. SVG text follows the page's direction, so in
    /// Persian "end" is the text's left edge.
    fn axis(&self) -> String {
        let zero = self.scale.y(0);
        let edge = if self.lang.dir() == "rtl" {
            4.0
        } else {
            WIDTH - 4.0
        };
        let label = |y: f64, amount: i64| {
            format!(
                r##"<text x="{edge}" y="{y:.1}" text-anchor="end" fill="#5b6570">{}</text>"##,
                self.money(amount)
            )
        };
        let mut out = format!(
            r##"<line x1="{SIDE}" x2="{}" y1="{zero:.1}" y2="{zero:.1}" stroke="#5b6570" stroke-width="1"/>"##,
            WIDTH - SIDE
        );
        out.push_str(&label(TOP - 12.0, self.scale.high));
        out.push_str(&label(zero - 6.0, 0));
        if self.scale.low < 0 {
            out.push_str(&label(BOTTOM - 6.0, self.scale.low));
        }
        out
    }

    /// A recorded month's revenue bar and profit point, or an unrecorded month's hatched gap.
    fn mark(&self, out: &mut String, index: usize, slot: &Slot) -> Option<(f64, f64)> {
        let x = self.centre(index);
        let left = x - self.slot_width / 2.0 + 2.0;
        let width = (self.slot_width - 4.0).max(1.0);
        let month = escape(&if self.lang.is_english() {
            slot.month.label_en()
        } else {
            slot.month.label_fa()
        });
        let Some((revenue, profit)) = slot.values else {
            let _ = write!(
                out,
                r#"<rect class="gap" x="{left:.1}" y="{TOP}" width="{width:.1}" height="{:.1}" fill="url(#gap-hatch)" opacity="0.5"><title>{month}</title></rect>"#,
                BOTTOM - TOP
            );
            return None;
        };
        let zero = self.scale.y(0);
        let top = self.scale.y(revenue.max(0));
        let y = self.scale.y(profit);
        let _ = write!(
            out,
            r#"<rect class="bar" x="{left:.1}" y="{top:.1}" width="{width:.1}" height="{:.1}" fill="{REVENUE_COLOUR}"><title>{month}: {}</title></rect><circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{PROFIT_COLOUR}"><title>{month}: {}</title></circle>"#,
            (zero - top).max(0.0),
            self.money(revenue),
            self.money(profit)
        );
        Some((x, y))
    }

    /// The month's name under the axis (every few months), and the year under the first
    /// month and under each Farvardin that is named.
    fn month_label(&self, out: &mut String, index: usize, slot: &Slot, every: usize) {
        let x = self.centre(index);
        if index.is_multiple_of(every) {
            let _ = write!(
                out,
                r##"<text x="{x:.1}" y="{MONTH_LINE:.1}" text-anchor="middle" fill="#2b3137">{}</text>"##,
                escape(&month_label(slot.month, self.lang))
            );
        }
        if index == 0 || (slot.month.month == 1 && index.is_multiple_of(every)) {
            let _ = write!(
                out,
                r##"<text x="{x:.1}" y="{YEAR_LINE:.1}" text-anchor="middle" fill="#5b6570">{}</text>"##,
                escape(&self.lang.digits(&slot.month.year.to_string()))
            );
        }
    }
}

/// The chart as an SVG element, or `None` when nothing was recorded.
pub fn svg(slots: &[Slot], lang: Lang, unit: MoneyUnit, title: &str) -> Option<String> {
    if slots.is_empty() {
        return None;
    }
    let canvas = Canvas {
        scale: Scale::of(slots),
        slot_width: (WIDTH - 2.0 * SIDE) / slots.len() as f64,
        lang,
        unit,
    };
    let mut out = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-labelledby="chart-title" font-family="inherit" font-size="{FONT}"><title id="chart-title">{}</title><defs><pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="{GAP_COLOUR}" stroke-width="2"/></pattern></defs>"#,
        escape(title)
    );
    let every = slots.len().div_ceil(MAX_LABELS);
    // The profit line: a new stroke ("M") after each gap, so gaps are never bridged.
    let mut profit_path = String::new();
    let mut pen_down = false;
    for (index, slot) in slots.iter().enumerate() {
        match canvas.mark(&mut out, index, slot) {
            Some((x, y)) => {
                let pen = if pen_down { "L" } else { "M" };
                let _ = write!(profit_path, "{pen}{x:.1},{y:.1} ");
                pen_down = true;
            }
            None => pen_down = false,
        }
        canvas.month_label(&mut out, index, slot, every);
    }
    if !profit_path.is_empty() {
        let _ = write!(
            out,
            r#"<path d="{}" fill="none" stroke="{PROFIT_COLOUR}" stroke-width="3"/>"#,
            profit_path.trim_end()
        );
    }
    out.push_str(&canvas.axis());
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(year: i64, month: i64, revenue: i64, costs: i64) -> BusinessMonthRow {
        BusinessMonthRow {
            id: 0,
            group_id: hamyar_app::ports::groups::GroupId::new(1),
            year,
            month,
            revenue_rials: revenue,
            costs_rials: costs,
            profit_rials: revenue - costs,
            members_working: 0,
            people_hired: 0,
            channels: String::new(),
            channel_other: String::new(),
            payments: Vec::new(),
            recorded_by: None,
            recorded_by_name: String::new(),
            recorded_at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn today() -> JalaliDate {
        JalaliDate::new(1405, 9, 8).unwrap()
    }

    #[test]
    fn missing_months_up_to_the_current_month_are_slots_without_values() {
        let slots = slots(&[row(1405, 8, 10, 4), row(1405, 5, 10, 20)], today());
        let seen: Vec<_> = slots.iter().map(|s| (s.month.month, s.values)).collect();
        assert_eq!(
            seen,
            [
                (5, Some((10, -10))),
                (6, None),
                (7, None),
                (8, Some((10, 6))),
                (9, None)
            ]
        );
        assert!(super::slots(&[], today()).is_empty());
    }

    #[test]
    fn only_the_latest_two_years_are_drawn() {
        let slots = slots(&[row(1400, 1, 1, 0)], today());
        assert_eq!(slots.len(), MAX_MONTHS);
        assert_eq!(
            slots.last().unwrap().month,
            YearMonth::new(1405, 9).unwrap()
        );
    }

    #[test]
    fn the_persian_chart_runs_right_to_left_with_persian_digits_and_gaps() {
        let slots = slots(
            &[
                row(1405, 6, 20_000_000, 15_000_000),
                row(1405, 8, 12_000_000, 15_000_000),
            ],
            today(),
        );
        let chart = svg(&slots, Lang::Fa, MoneyUnit::Rial, "درآمد و سود").unwrap();
        assert_eq!(
            chart.matches(r#"class="gap""#).count(),
            2,
            "Mehr and Azar are missing"
        );
        assert_eq!(chart.matches(r#"class="bar""#).count(), 2);
        assert!(chart.contains("۲۰٬۰۰۰٬۰۰۰"), "{chart}");
        assert!(
            chart.contains("\u{2066}-۳٬۰۰۰٬۰۰۰\u{2069} ریال"),
            "a loss keeps its sign"
        );
        assert!(chart.contains("۱۴۰۵"));
        assert!(chart.contains("شهریور"));
        // Shahrivar (the first month) is drawn at the right, Azar (the last) at the left.
        let first = chart.find("شهریور").unwrap();
        let x_of = |at: usize| {
            let head = &chart[..at];
            let start = head.rfind("x=\"").unwrap() + 3;
            head[start..]
                .split('"')
                .next()
                .unwrap()
                .parse::<f64>()
                .unwrap()
        };
        let last = chart.find(">آذر<").unwrap();
        assert!(x_of(first) > x_of(last));
        let english = svg(&slots, Lang::En, MoneyUnit::Rial, "Revenue").unwrap();
        let first = english.find(">Shahrivar<").unwrap();
        let last = english.find(">Azar<").unwrap();
        let x_en = |at: usize| {
            let head = &english[..at];
            let start = head.rfind("x=\"").unwrap() + 3;
            head[start..]
                .split('"')
                .next()
                .unwrap()
                .parse::<f64>()
                .unwrap()
        };
        assert!(x_en(first) < x_en(last));
        // A losing month puts the profit below the zero line and breaks the line at gaps.
        assert_eq!(chart.matches("<path d=\"M").count(), 1);
        assert_eq!(chart.matches(" M").count(), 1, "a new stroke after the gap");
    }
}
