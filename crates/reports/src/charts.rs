//! Bar charts drawn on the server as inline SVG, for dashboards: no JavaScript library,
//! nothing fetched, and they print. One kind serves every figure: a row per category (an
//! area, a month), bars laid horizontally, either side by side (one per series) or stacked.
//! In the Persian interface bars grow from the right edge, where the labels sit, like the
//! text; in English from the left. Labels carry the language's digits. Every text drawn is
//! escaped; colours are SVG presentation attributes, which the content security policy (no
//! inline style) allows. The numbers a chart draws are always also shown as a table.

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

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 150.0;
const VALUE_ROOM: f64 = 90.0;
const GAP: f64 = 10.0;
const BAR: f64 = 14.0;
const LEGEND_ROW: f64 = 24.0;
const FONT: f64 = 13.0;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl BarChart {
    /// True when nothing would be drawn (no category or every value zero).
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() || self.series.iter().all(|s| s.values.iter().all(|v| *v <= 0))
    }

    fn row_height(&self) -> f64 {
        if self.stacked {
            BAR + GAP
        } else {
            BAR * self.series.len().max(1) as f64 + GAP
        }
    }

    /// The largest bar: a stack's sum or the largest single value.
    fn largest(&self) -> i64 {
        (0..self.categories.len())
            .map(|index| {
                let values = self
                    .series
                    .iter()
                    .map(|s| s.values.get(index).copied().unwrap_or(0).max(0));
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

    /// The SVG, sized by its view box to the container's width.
    pub fn to_svg(&self, lang: Lang) -> String {
        let rtl = lang == Lang::Fa;
        let legend_rows = self.series.len().div_ceil(3) as f64;
        let plot_top = LEGEND_ROW * legend_rows + 8.0;
        let height = plot_top + self.row_height() * self.categories.len() as f64 + 8.0;
        let plot_width = WIDTH - LABEL_WIDTH - VALUE_ROOM;
        let scale = plot_width / self.largest() as f64;
        // x of the bars' base and the direction they grow in.
        let (base, sign) = if rtl {
            (WIDTH - LABEL_WIDTH, -1.0)
        } else {
            (LABEL_WIDTH, 1.0)
        };
        // Anchors follow the drawing's direction: in Persian `start` is a text's right edge,
        // so labels, values and legend entries all start at their x and run leftwards.
        let anchor_label = if rtl { "start" } else { "end" };
        let anchor_value = "start";
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" \
             aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"{}\" \
             font-family=\"Vazirmatn, Tahoma, sans-serif\" font-size=\"{FONT}\">",
            escape(&format!("{} ({})", self.title, self.unit)),
            if rtl { "rtl" } else { "ltr" }
        );
        // Legend, three to a row, from the reading side.
        for (index, series) in self.series.iter().enumerate() {
            let column = (index % 3) as f64;
            let row = (index / 3) as f64;
            let x = if rtl {
                WIDTH - 8.0 - column * 200.0
            } else {
                8.0 + column * 200.0
            };
            let y = 6.0 + row * LEGEND_ROW;
            let swatch_x = if rtl { x - 14.0 } else { x };
            let text_x = if rtl { x - 20.0 } else { x + 20.0 };
            let _ = write!(
                svg,
                "<rect x=\"{swatch_x:.1}\" y=\"{y:.1}\" width=\"14\" height=\"14\" fill=\"{}\"/>\
                 <text x=\"{text_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor_value}\">{}</text>",
                PALETTE[index % PALETTE.len()],
                y + 12.0,
                escape(&series.name)
            );
        }
        for (row, category) in self.categories.iter().enumerate() {
            let top = plot_top + row as f64 * self.row_height();
            let label_x = if rtl { WIDTH - 4.0 } else { LABEL_WIDTH - 6.0 };
            let middle = top + (self.row_height() - GAP) / 2.0 + FONT / 2.0 - 2.0;
            let _ = write!(
                svg,
                "<text x=\"{label_x:.1}\" y=\"{middle:.1}\" text-anchor=\"{anchor_label}\">{}</text>",
                escape(category)
            );
            let mut offset = 0.0;
            for (index, series) in self.series.iter().enumerate() {
                let value = series.values.get(row).copied().unwrap_or(0).max(0);
                let length = value as f64 * scale;
                let y = if self.stacked {
                    top
                } else {
                    top + index as f64 * BAR
                };
                let start = base + sign * offset;
                let x = if rtl { start - length } else { start };
                let label = series.labels.get(row).map(String::as_str).unwrap_or("");
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{length:.1}\" height=\"{:.1}\" \
                     fill=\"{}\"><title>{}</title></rect>",
                    BAR - 2.0,
                    PALETTE[index % PALETTE.len()],
                    escape(&format!("{} — {}: {}", category, series.name, label))
                );
                if self.stacked {
                    offset += length;
                } else if value > 0 {
                    let text_x = start + sign * (length + 4.0);
                    let _ = write!(
                        svg,
                        "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"11\" \
                         text-anchor=\"{anchor_value}\">{}</text>",
                        y + BAR - 4.0,
                        escape(label)
                    );
                }
            }
            if self.stacked {
                let total: i64 = self
                    .series
                    .iter()
                    .map(|s| s.values.get(row).copied().unwrap_or(0).max(0))
                    .sum();
                if total > 0 {
                    let text_x = base + sign * (offset + 4.0);
                    let _ = write!(
                        svg,
                        "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"11\" \
                         text-anchor=\"{anchor_value}\">{}</text>",
                        top + BAR - 4.0,
                        escape(&lang.number(total))
                    );
                }
            }
        }
        svg.push_str("</svg>");
        svg
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

    /// The widths of the bars drawn, in order.
    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .filter(|rect| rect.contains("<title>"))
            .map(|rect| {
                let start = rect.find("width=\"").unwrap() + 7;
                let end = rect[start..].find('"').unwrap() + start;
                rect[start..end].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_to_their_values() {
        let svg = chart(false).to_svg(Lang::Fa);
        let w = widths(&svg);
        assert_eq!(w.len(), 4);
        assert!((w[0] / w[2] - 2.0).abs() < 0.01, "{w:?}");
        assert!((w[0] / w[1] - 5.0).abs() < 0.01, "{w:?}");
        assert_eq!(w[3], 0.0);
    }

    #[test]
    fn persian_bars_grow_leftwards_from_the_labels_on_the_right() {
        let svg = chart(false).to_svg(Lang::Fa);
        let first = svg.split("<rect ").nth(3).unwrap();
        let x: f64 = first
            .split("x=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let w = widths(&svg)[0];
        assert!(
            (x + w - (WIDTH - LABEL_WIDTH)).abs() < 0.2,
            "bar ends at the label side"
        );
        let english = chart(false).to_svg(Lang::En);
        assert!(english.contains(&format!("x=\"{LABEL_WIDTH:.1}\"")));
    }

    #[test]
    fn stacked_bars_sum_and_text_is_escaped() {
        let svg = chart(true).to_svg(Lang::Fa);
        assert!(svg.contains(">۱۲</text>"), "the stack's total is written");
        assert!(svg.contains("&lt;و&gt;"));
        assert!(!svg.contains("<و>"));
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
