//! Server-rendered SVG charts: a line chart for trends, bars for a
//! breakdown and a funnel for the prevention funnel. Each is an image with
//! a title and a one-sentence summary for screen readers (`role="img"`,
//! `aria-labelledby`), and the page puts the same figures in a table next
//! to it. Series differ by dash pattern and marker, not only by colour,
//! so they stay apart in grey-scale print. A suppressed value (`None`, a
//! count under 5) is a gap in a line and an empty bar marked "<5", never
//! drawn as a number.

use crate::kennisbank::feed::xml_escape;
use std::fmt::Write;
use vangnet_domain::money::dutch_thousands;

const WIDTH: u32 = 640;
const HEIGHT: u32 = 280;
const LEFT: u32 = 56;
const BOTTOM: u32 = 36;
const TOP: u32 = 16;
/// Dash patterns per series: grey-scale must tell them apart.
const DASHES: [&str; 6] = ["", "6 4", "2 3", "10 3 2 3", "14 4", "1 5"];
const INK: [&str; 6] = [
    "#15436b", "#1b1b1b", "#6b4a15", "#4a4a4a", "#1e6b34", "#5a2d82",
];

/// The value as text, "<5" for a suppressed one; escape before writing it
/// into the SVG.
fn shown(value: Option<u64>) -> String {
    value.map_or_else(|| "<5".to_string(), dutch_thousands)
}

fn open(id: &str, title: &str, summary: &str, height: u32) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\" class=\"chart\"><title id=\"{id}-t\">{}</title>\
         <desc id=\"{id}-d\">{}</desc>",
        xml_escape(title),
        xml_escape(summary)
    )
}

/// A round axis maximum (1, 2 or 5 times a power of ten) above `max`.
fn nice_max(max: u64) -> u64 {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if step * factor >= max.max(1) {
                return step * factor;
            }
        }
        step *= 10;
    }
}

pub struct Series<'a> {
    pub label: &'a str,
    pub values: Vec<Option<u64>>,
}

/// Legend rows under a line chart: two entries a row, each a short line
/// in the series' ink and dash next to its label.
const LEGEND_ROW: u32 = 20;
const LEGEND_COLUMN: u32 = 300;

/// Every `step`-th axis label is written, so that labels
/// of about 8 characters never overlap; the summary names them all.
fn label_step(labels: usize, plot_w: u32) -> usize {
    const LABEL_W: usize = 54;
    (labels * LABEL_W).div_ceil(plot_w as usize).max(1)
}

/// A trend over `x_labels` (months, usually), one line per series.
pub fn line_chart(id: &str, title: &str, x_labels: &[String], series: &[Series]) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0);
    let top = nice_max(max);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - 16;
    let x = |i: usize| LEFT + plot_w * i as u32 / (x_labels.len().max(2) - 1) as u32;
    let y = |v: u64| TOP + plot_h - (plot_h as u64 * v / top) as u32;
    let summary = line_summary(title, x_labels, series);
    let legend_rows = (series.len() as u32).div_ceil(2);
    let mut out = open(id, title, &summary, HEIGHT + 8 + legend_rows * LEGEND_ROW);
    axes(&mut out, top, plot_h);
    let step = label_step(x_labels.len(), plot_w);
    for (i, label) in x_labels.iter().enumerate() {
        if i % step != 0 {
            continue;
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x(i),
            HEIGHT - 12,
            xml_escape(label)
        );
    }
    for (n, s) in series.iter().enumerate() {
        let style = format!(
            "stroke=\"{}\" stroke-dasharray=\"{}\"",
            INK[n % INK.len()],
            DASHES[n % DASHES.len()]
        );
        // A suppressed value breaks the line rather than pretending to a number.
        for run in s
            .values
            .iter()
            .enumerate()
            .collect::<Vec<_>>()
            .split(|(_, v)| v.is_none())
        {
            let points: Vec<String> = run
                .iter()
                .map(|(i, v)| format!("{},{}", x(*i), y(v.unwrap_or(0))))
                .collect();
            if points.len() > 1 {
                let _ = write!(
                    out,
                    "<polyline fill=\"none\" stroke-width=\"2\" {style} points=\"{}\"/>",
                    points.join(" ")
                );
            }
            for (i, v) in run {
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>",
                    x(*i),
                    y(v.unwrap_or(0)),
                    INK[n % INK.len()]
                );
            }
        }
        let lx = LEFT + LEGEND_COLUMN * (n as u32 % 2);
        let ly = HEIGHT + 8 + LEGEND_ROW * (n as u32 / 2);
        let _ = write!(
            out,
            "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke-width=\"2\" {style}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            lx + 28,
            lx + 34,
            ly + 4,
            xml_escape(s.label)
        );
    }
    out.push_str("</svg>");
    out
}

fn axes(out: &mut String, top: u64, plot_h: u32) {
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{}\" stroke=\"#767676\"/>",
        TOP + plot_h
    );
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#767676\"/>",
        TOP + plot_h,
        WIDTH - 8,
        TOP + plot_h
    );
    for (value, y) in [(top, TOP), (top / 2, TOP + plot_h / 2), (0, TOP + plot_h)] {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            LEFT - 6,
            y + 4,
            dutch_thousands(value)
        );
    }
}

fn line_summary(title: &str, x_labels: &[String], series: &[Series]) -> String {
    let span = match (x_labels.first(), x_labels.last()) {
        (Some(a), Some(b)) => format!(" van {a} tot en met {b}"),
        _ => String::new(),
    };
    let parts: Vec<String> = series
        .iter()
        .map(|s| {
            let peak = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (v, i)))
                .max();
            match peak {
                Some((v, i)) => format!(
                    "{}: hoogste waarde {} in {}",
                    s.label,
                    dutch_thousands(v),
                    x_labels[i]
                ),
                None => format!("{}: alle waarden kleiner dan 5", s.label),
            }
        })
        .collect();
    format!("Lijngrafiek {title}{span}. {}.", parts.join("; "))
}

fn cut(label: &str, chars: usize) -> String {
    match label.char_indices().nth(chars) {
        Some((at, _)) => {
            let head = &label[..at];
            let head = head.rsplit_once(' ').map_or(head, |(words, _)| words);
            format!("{}…", head.trim_end())
        }
        None => label.to_string(),
    }
}

/// Horizontal bars, one per category, each with its value written out.
pub fn bar_chart(id: &str, title: &str, bars: &[(&str, Option<u64>)]) -> String {
    bars_svg(id, title, bars, false)
}

/// The funnel: centred bars narrowing step by step, each with its count.
pub fn funnel(id: &str, title: &str, steps: &[(&str, Option<u64>)]) -> String {
    bars_svg(id, title, steps, true)
}

fn bars_svg(id: &str, title: &str, bars: &[(&str, Option<u64>)], centred: bool) -> String {
    const ROW: u32 = 30;
    const LABEL_W: u32 = 250;
    /// Longer labels are cut with an ellipsis (the table has them whole).
    const LABEL_CHARS: usize = 36;
    let height = TOP + ROW * bars.len() as u32 + 8;
    let max = bars
        .iter()
        .filter_map(|(_, v)| *v)
        .max()
        .unwrap_or(0)
        .max(1);
    let room = WIDTH - LABEL_W - 80;
    let kind = if centred { "Trechter" } else { "Staafdiagram" };
    let listed: Vec<String> = bars
        .iter()
        .map(|(l, v)| format!("{l} {}", shown(*v)))
        .collect();
    let summary = format!("{kind} {title}: {}.", listed.join(", "));
    let mut out = open(id, title, &summary, height);
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let w = value.map_or(0, |v| (room as u64 * v / max) as u32).max(1);
        let x = if centred {
            LABEL_W + (room - w) / 2
        } else {
            LABEL_W
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            LABEL_W - 8,
            y + 17,
            xml_escape(&cut(label, LABEL_CHARS))
        );
        if value.is_some() {
            let _ = write!(out, "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"#15436b\" stroke=\"#1b1b1b\"/>", y + 4, ROW - 10);
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            x + w + 6,
            y + 17,
            xml_escape(&shown(*value))
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `svg` is well-formed XML (skipped without xmllint).
    fn well_formed(svg: &str) {
        if let Some(Err(why)) = crate::test_support::xmllint(&[], svg) {
            panic!("{why}\n{svg}");
        }
    }

    fn months() -> Vec<String> {
        ["jan", "feb", "mrt", "apr"]
            .iter()
            .map(|m| m.to_string())
            .collect()
    }

    #[test]
    fn a_line_chart_is_an_image_with_a_summary_and_gaps_for_small_cells() {
        let series = [
            Series {
                label: "Signalen",
                values: vec![Some(120), Some(340), None, Some(90)],
            },
            Series {
                label: "Zaken <a&b>",
                values: vec![Some(50), Some(60), Some(70), None],
            },
            Series {
                label: "Ontruimd",
                values: vec![None, None, None, None],
            },
        ];
        let svg = line_chart("trend", "Signalen per maand", &months(), &series);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"trend-t trend-d\""));
        assert!(
            svg.contains("<desc id=\"trend-d\">Lijngrafiek Signalen per maand van jan tot en met apr. Signalen: hoogste waarde 340 in feb; Zaken &lt;a&amp;b&gt;: hoogste waarde 70 in mrt; Ontruimd: alle waarden kleiner dan 5.</desc>"),
            "{svg}"
        );
        // The gap in the first series leaves jan–feb as its only line.
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert!(
            svg.contains("stroke-dasharray=\"6 4\""),
            "the second series is dashed"
        );
        assert!(!svg.contains("<5"), "nothing unescaped");
        assert!(svg.ends_with("</svg>"));
        well_formed(&svg);
    }

    #[test]
    fn bars_and_the_funnel_write_every_value_and_never_draw_a_small_cell() {
        let steps = [
            ("Signalen", Some(1_200)),
            ("Zaken", Some(800)),
            ("Contact", Some(310)),
            ("Hulp", None),
        ];
        let svg = funnel("f", "Van signaal tot hulp", &steps);
        assert!(svg.contains("Trechter Van signaal tot hulp: Signalen 1.200, Zaken 800, Contact 310, Hulp &lt;5."), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains(">&lt;5</text>"));
        let bars = bar_chart("b", "Per soort", &[("Huur", Some(10)), ("Water", Some(5))]);
        assert!(bars.contains("Staafdiagram Per soort: Huur 10, Water 5."));
        well_formed(&svg);
        well_formed(&bars);
    }

    #[test]
    fn crowded_axes_thin_their_labels_and_long_bar_labels_are_cut() {
        let year: Vec<String> = (1..=12).map(|m| format!("m{m:02} 2026")).collect();
        let series = [Series {
            label: "Signalen",
            values: vec![Some(1); 12],
        }];
        let svg = line_chart("j", "Per maand", &year, &series);
        assert!(svg.contains(">m01 2026</text>") && svg.contains(">m03 2026</text>"));
        assert!(!svg.contains(">m02 2026</text>"), "every other month");
        assert!(svg.contains(">m11 2026</text>") && !svg.contains(">m12 2026</text>"));
        assert!(svg.contains("hoogste waarde 1 in m12 2026"));
        assert!(svg.contains("<line x1=\"56\""), "a legend sample");
        assert_eq!(label_step(4, 568), 1);
        assert_eq!(label_step(24, 568), 3);
        let long = "Melding ontruiming aan de gemeente en nog veel meer woorden";
        let bars = bar_chart("b", "Stand", &[(long, Some(10))]);
        assert!(
            bars.contains(">Melding ontruiming aan de gemeente…</text>"),
            "{bars}"
        );
        assert!(bars.contains(&format!("Staafdiagram Stand: {long} 10.")));
        well_formed(&svg);
    }

    #[test]
    fn axis_maxima_are_round() {
        for (max, nice) in [
            (0, 1),
            (1, 1),
            (3, 5),
            (7, 10),
            (12, 20),
            (340, 500),
            (1_200, 2_000),
            (50_000, 50_000),
        ] {
            assert_eq!(nice_max(max), nice, "{max}");
        }
    }
}
