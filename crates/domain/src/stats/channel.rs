//! The tenant's own channel on the verhuurder's dashboard (issue 9): how
//! many letters with a personal link went out, how often tenants opened
//! their link and answered through it, and both by kind, each as a rate
//! per letter sent.

use super::dashboard::{Chart, Section};
use super::facts::ChannelCounts;
use super::period::Period;
use super::sections::{say, section, text};
use super::table::Cell;
use crate::tenancy::EventKind;
use crate::tenant_channel::LetterKind;

/// What a tenant can send through the link, as the event kind its response
/// records. Paying records nothing, so it is not a response.
pub const RESPONSE_KINDS: [EventKind; 4] = [
    EventKind::BetalingsregelingVoorgesteld,
    EventKind::HulpGevraagd,
    EventKind::BezwaarDoorgeven,
    EventKind::SituatieGemeld,
];

/// A link opened or a response may belong to a letter of an earlier
/// period, so this rate can pass 100%: it is not a share of the letters.
const PER_LETTER: &str = "Ten opzichte van de verstuurde brieven";

fn count_of<K: Copy + PartialEq>(counts: &[(K, u64)], kind: K) -> u64 {
    counts
        .iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, n)| n)
        .sum()
}

/// Each listed kind's count, absent kinds zero, in the listed order.
fn per_kind<K: Copy + PartialEq>(counts: &[(K, u64)], kinds: &[K]) -> Vec<u64> {
    kinds.iter().map(|&k| count_of(counts, k)).collect()
}

fn letters(counts: &ChannelCounts) -> Vec<u64> {
    per_kind(&counts.letters, &LetterKind::ALL)
}

fn responses(counts: &ChannelCounts) -> Vec<u64> {
    per_kind(&counts.responses, &RESPONSE_KINDS)
}

/// Letters sent, links opened and responses, each per letter sent.
pub fn response_rates(counts: &ChannelCounts, period: Period) -> Section {
    let sent: u64 = letters(counts).iter().sum();
    let answered: u64 = responses(counts).iter().sum();
    let opened = counts.links_opened;
    let rows = vec![
        vec![
            text("Brieven verstuurd"),
            Cell::count(sent),
            Cell::Percent(None),
        ],
        vec![
            text("Link geopend (adres bevestigd)"),
            Cell::count(opened),
            Cell::share(opened, sent),
        ],
        vec![
            text("Reacties van huurders"),
            Cell::count(answered),
            Cell::share(answered, sent),
        ],
    ];
    let mut out = section(
        "huurderskanaal",
        "Brieven, geopende links en reacties van huurders",
        &["Stap", "Aantal", PER_LETTER],
        rows,
        Chart::Funnel { column: 1 },
        rates_summary(period, sent, opened, answered),
    );
    out.note = Some(
        "Brieven: herinneringen, veertiendagenbrieven en aanmaningen met een persoonlijke link, \
         gemaakt in de periode. Link geopend: een huurder bevestigde in de periode voor het eerst \
         het adres bij een link. Reacties: wat huurders via hun link stuurden (een voorstel voor \
         een betalingsregeling, een hulpvraag, een bezwaar, hun situatie); betalen telt niet mee. \
         Een link of reactie kan bij een brief uit een eerdere periode horen, zodat het \
         percentage boven 100 kan komen."
            .into(),
    );
    out
}

/// The rate is only told when both of its counts may be shown.
fn rates_summary(period: Period, sent: u64, opened: u64, answered: u64) -> String {
    let base = format!(
        "In {} gingen {} brieven met een persoonlijke link uit; huurders openden {} keer hun \
         link en reageerden {} keer",
        period.dutch(),
        say(sent),
        say(opened),
        say(answered)
    );
    match Cell::share(answered, sent) {
        rate @ Cell::Percent(Some(_)) => {
            format!("{base} ({} van het aantal brieven).", rate.display())
        }
        _ => base + ".",
    }
}

/// Letters by kind and responses by kind, each beside its rate per letter
/// sent. Not charted: a withheld count (`Cell::parts`) would be drawn as
/// "<5", which it is not.
pub fn by_kind(counts: &ChannelCounts) -> Section {
    let (letters, responses) = (letters(counts), responses(counts));
    let sent: u64 = letters.iter().sum();
    let rows_of = |labels: Vec<&str>, counts: &[u64]| -> Vec<Vec<Cell>> {
        labels
            .into_iter()
            .zip(counts)
            .zip(Cell::parts(counts))
            .map(|((label, &n), cell)| {
                let rate = Cell::share_beside(&cell, n, sent);
                vec![text(label), cell, rate]
            })
            .collect()
    };
    let mut rows = rows_of(LetterKind::ALL.map(LetterKind::label_nl).to_vec(), &letters);
    let answers = rows_of(RESPONSE_KINDS.map(EventKind::label_nl).to_vec(), &responses);
    let summary = most_frequent_summary(&answers);
    rows.extend(answers);
    let mut out = section(
        "huurderskanaal-per-soort",
        "Brieven en reacties van huurders per soort",
        &["Brief of reactie", "Aantal", PER_LETTER],
        rows,
        Chart::None,
        summary,
    );
    out.note = Some(
        "Het percentage is het aantal gedeeld door alle verstuurde brieven van de periode. Staat \
         bij de brieven of bij de reacties maar één aantal als <5, dan staat ook het kleinste \
         andere aantal er niet (–): het totaal zou het kleine aantal anders verraden."
            .into(),
    );
    out
}

/// Names the most frequent response among the cells that are shown.
fn most_frequent_summary(rows: &[Vec<Cell>]) -> String {
    let most = rows
        .iter()
        .filter_map(|row| row[1].chart_value().map(|n| (n, row)))
        .max_by_key(|&(n, _)| n);
    match most {
        Some((_, row)) => format!(
            "Huurders reageerden het vaakst met: {} ({} keer).",
            row[0].display().to_lowercase(),
            row[1].display()
        ),
        None => "Per soort waren er te weinig reacties van huurders om ze te tonen.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(letters: [u64; 3], opened: u64, responses: [u64; 4]) -> ChannelCounts {
        ChannelCounts {
            letters: LetterKind::ALL.into_iter().zip(letters).collect(),
            links_opened: opened,
            responses: RESPONSE_KINDS.into_iter().zip(responses).collect(),
        }
    }

    fn column(section: &Section, c: usize) -> Vec<String> {
        section.table.rows.iter().map(|r| r[c].display()).collect()
    }

    #[test]
    fn rates_are_per_letter_and_hidden_beside_a_small_count() {
        for (letters, opened, responses, counts, rates, summary) in [
            (
                [30, 10, 8],
                24,
                [6, 5, 0, 1],
                ["48", "24", "12"],
                ["–", "50,0%", "25,0%"],
                "In 2025 gingen 48 brieven met een persoonlijke link uit; huurders openden 24 \
                 keer hun link en reageerden 12 keer (25,0% van het aantal brieven).",
            ),
            (
                [3, 0, 0],
                2,
                [1, 0, 0, 0],
                ["<5", "<5", "<5"],
                ["–", "–", "–"],
                "In 2025 gingen minder dan 5 brieven met een persoonlijke link uit; huurders \
                 openden minder dan 5 keer hun link en reageerden minder dan 5 keer.",
            ),
            (
                [5, 0, 0],
                7,
                [2, 2, 0, 0],
                ["5", "7", "<5"],
                ["–", "140,0%", "–"],
                "In 2025 gingen 5 brieven met een persoonlijke link uit; huurders openden 7 keer \
                 hun link en reageerden minder dan 5 keer.",
            ),
        ] {
            let section = response_rates(&channel(letters, opened, responses), Period::Year(2025));
            assert_eq!(column(&section, 1), counts, "{letters:?}");
            assert_eq!(column(&section, 2), rates, "{letters:?}");
            assert_eq!(section.summary, summary);
        }
    }

    #[test]
    fn kinds_are_labelled_in_dutch_and_a_lone_small_one_is_covered() {
        for (letters, responses, counts, rates, summary) in [
            (
                [30, 10, 8],
                [6, 12, 0, 5],
                ["30", "10", "8", "6", "12", "<5", "–"],
                ["62,5%", "20,8%", "16,7%", "12,5%", "25,0%", "–", "–"],
                "Huurders reageerden het vaakst met: huurder vraagt om hulp (12 keer).",
            ),
            (
                [30, 10, 2],
                [0, 0, 0, 0],
                ["30", "–", "<5", "<5", "<5", "<5", "<5"],
                ["71,4%", "–", "–", "–", "–", "–", "–"],
                "Per soort waren er te weinig reacties van huurders om ze te tonen.",
            ),
        ] {
            let section = by_kind(&channel(letters, 0, responses));
            assert_eq!(
                column(&section, 0),
                [
                    "Herinnering",
                    "Veertiendagenbrief",
                    "Aanmaning",
                    "Betalingsregeling voorgesteld door huurder",
                    "Huurder vraagt om hulp",
                    "Bezwaar tegen doorgeven",
                    "Huurder vertelt over situatie",
                ]
            );
            assert_eq!(column(&section, 1), counts, "{letters:?} {responses:?}");
            assert_eq!(column(&section, 2), rates, "{letters:?} {responses:?}");
            assert_eq!(section.summary, summary);
        }
    }

    #[test]
    fn an_empty_channel_shows_only_small_cells() {
        let empty = ChannelCounts::default();
        let rates = response_rates(&empty, Period::Year(2025));
        let kinds = by_kind(&empty);
        for section in [&rates, &kinds] {
            assert!(
                column(section, 1).iter().all(|c| c == "<5"),
                "{}",
                section.id
            );
            assert!(
                column(section, 2).iter().all(|c| c == "–"),
                "{}",
                section.id
            );
        }
        let (labels, series) = rates.chart_data();
        assert_eq!(labels.len(), 3);
        assert_eq!(series[0].1, [None, None, None], "nothing drawn as a number");
    }
}
