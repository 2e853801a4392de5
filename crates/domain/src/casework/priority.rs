//! The priority of a case in the work queue, as a score that explains
//! itself: every factor that applies is listed with its points and the
//! total is their sum, so a worker can see why a household comes first.
//! A summons or an eviction date always comes first.

use serde::{Deserialize, Serialize};

use super::EvictionStage;
use crate::money::format_euros;
use crate::Invalid;

/// What the score needs to know of a case. Money in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PriorityInput {
    /// Decides whether the rent factors apply at all: an amount without
    /// this flag is not counted, so a partner's stray amount cannot raise it.
    pub has_rent_arrears: bool,
    pub creditor_count: u32,
    pub rent_arrears_cents: i64,
    pub monthly_rent_cents: Option<i64>,
    pub months_in_arrears: u32,
    pub crisis: bool,
    pub warm_handover: bool,
    pub repeat_signal: bool,
    pub eviction_stage: Option<EvictionStage>,
}

/// A gemeente's weights. The caps keep the ordinary factors bounded, which
/// is what lets `validate` guarantee that top priority always wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityWeights {
    pub rent_arrears: i64,
    pub per_creditor: i64,
    pub max_creditors: u32,
    /// Points per tenth of a month's rent in arrears.
    pub per_tenth_month_rent: i64,
    pub max_rent_tenths: u32,
    pub per_month_in_arrears: i64,
    pub max_months_in_arrears: u32,
    pub crisis: i64,
    pub warm_handover: i64,
    pub repeat_signal: i64,
    pub fourteen_day_letter: i64,
    pub bailiff: i64,
    pub summons: i64,
    pub judgment: i64,
    pub eviction_notice: i64,
    /// Added from the summons on; must exceed every score without one.
    pub top_priority: i64,
}

impl Default for PriorityWeights {
    /// Rent arrears cause most evictions, so the rent factors weigh most
    /// (up to 20 + 60 + 60). A crisis outweighs a month or two of arrears; a
    /// warm handover and a repeat signal tell of a household already known
    /// to be stuck. The court stages rise in points so that among top cases
    /// an eviction date comes before a judgment before a summons.
    fn default() -> Self {
        PriorityWeights {
            rent_arrears: 20,
            per_creditor: 5,
            max_creditors: 6,
            per_tenth_month_rent: 1,
            max_rent_tenths: 60,
            per_month_in_arrears: 5,
            max_months_in_arrears: 12,
            crisis: 40,
            warm_handover: 25,
            repeat_signal: 15,
            fourteen_day_letter: 10,
            bailiff: 30,
            summons: 100,
            judgment: 200,
            eviction_notice: 300,
            top_priority: 10_000,
        }
    }
}

pub const MAX_FACTOR_POINTS: i64 = 1_000;
/// Written out in `validate`'s message as "1.000.000".
pub const MAX_TOP_PRIORITY: i64 = 1_000_000;

impl PriorityWeights {
    /// The highest score a case without a summons can reach.
    pub fn max_without_court(&self) -> i64 {
        let capped = |per: i64, cap: u32| per.saturating_mul(i64::from(cap));
        [
            self.rent_arrears,
            capped(self.per_creditor, self.max_creditors),
            capped(self.per_tenth_month_rent, self.max_rent_tenths),
            capped(self.per_month_in_arrears, self.max_months_in_arrears),
            self.crisis,
            self.warm_handover,
            self.repeat_signal,
            self.fourteen_day_letter.max(self.bailiff),
        ]
        .into_iter()
        .fold(0, i64::saturating_add)
    }

    /// Every out-of-range value at once, with a Dutch reason.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        for (field, points) in self.factor_points() {
            if !(0..=MAX_FACTOR_POINTS).contains(&points) {
                invalid.push(
                    field,
                    format!("moet tussen 0 en {MAX_FACTOR_POINTS} punten liggen"),
                );
            }
        }
        for (field, cap, max) in [
            ("max_creditors", self.max_creditors, 50),
            ("max_rent_tenths", self.max_rent_tenths, 240),
            ("max_months_in_arrears", self.max_months_in_arrears, 60),
        ] {
            if !(1..=max).contains(&cap) {
                invalid.push(field, format!("moet tussen 1 en {max} liggen"));
            }
        }
        self.check_top_priority(&mut invalid);
        invalid.into_result()
    }

    fn factor_points(&self) -> [(&'static str, i64); 12] {
        [
            ("rent_arrears", self.rent_arrears),
            ("per_creditor", self.per_creditor),
            ("per_tenth_month_rent", self.per_tenth_month_rent),
            ("per_month_in_arrears", self.per_month_in_arrears),
            ("crisis", self.crisis),
            ("warm_handover", self.warm_handover),
            ("repeat_signal", self.repeat_signal),
            ("fourteen_day_letter", self.fourteen_day_letter),
            ("bailiff", self.bailiff),
            ("summons", self.summons),
            ("judgment", self.judgment),
            ("eviction_notice", self.eviction_notice),
        ]
    }

    fn check_top_priority(&self, invalid: &mut Invalid) {
        let ceiling = self.max_without_court();
        if self.top_priority > MAX_TOP_PRIORITY {
            invalid.push("top_priority", "mag niet meer dan 1.000.000 punten zijn");
        } else if self.top_priority <= ceiling {
            invalid.push(
                "top_priority",
                format!(
                    "moet groter zijn dan de hoogste score zonder dagvaarding ({ceiling} punten), \
                     anders gaat een rechtszaak niet altijd voor"
                ),
            );
        }
    }

    fn stage_points(&self, stage: EvictionStage) -> i64 {
        match stage {
            EvictionStage::FourteenDayLetter => self.fourteen_day_letter,
            EvictionStage::Bailiff => self.bailiff,
            EvictionStage::Summons => self.summons,
            EvictionStage::Judgment => self.judgment,
            EvictionStage::EvictionNotice => self.eviction_notice,
        }
    }
}

/// One reason for the score. `key` is stable for code and styling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Factor {
    pub key: &'static str,
    pub label_nl: String,
    pub points: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorityScore {
    pub total: i64,
    pub factors: Vec<Factor>,
}

impl PriorityScore {
    pub fn is_top_priority(&self) -> bool {
        self.factors.iter().any(|f| f.key == "top_priority")
    }
}

/// Lists every factor that applies, even at zero points, in a fixed order:
/// the eviction track first, then the household's situation.
pub fn score(input: &PriorityInput, weights: &PriorityWeights) -> PriorityScore {
    let mut factors = Vec::new();
    if let Some(stage) = input.eviction_stage {
        factors.extend(eviction_factors(stage, weights));
    }
    if input.crisis {
        factors.push(factor("crisis", "Crisissituatie".into(), weights.crisis));
    }
    if input.has_rent_arrears {
        factors.push(factor(
            "rent_arrears",
            "Huurachterstand".into(),
            weights.rent_arrears,
        ));
        factors.push(rent_ratio_factor(input, weights));
    }
    if input.months_in_arrears > 0 {
        factors.push(months_factor(input.months_in_arrears, weights));
    }
    if input.creditor_count > 0 {
        factors.push(creditors_factor(input.creditor_count, weights));
    }
    if input.warm_handover {
        let label = "Warme overdracht".into();
        factors.push(factor("warm_handover", label, weights.warm_handover));
    }
    if input.repeat_signal {
        let label = "Herhaalde melding".into();
        factors.push(factor("repeat_signal", label, weights.repeat_signal));
    }
    let total = factors
        .iter()
        .map(|f| f.points)
        .fold(0, i64::saturating_add);
    PriorityScore { total, factors }
}

fn factor(key: &'static str, label_nl: String, points: i64) -> Factor {
    Factor {
        key,
        label_nl,
        points,
    }
}

fn eviction_factors(stage: EvictionStage, weights: &PriorityWeights) -> Vec<Factor> {
    let label = format!("Ontruimingstraject: {}", stage.label_nl());
    let mut factors = vec![factor("eviction_stage", label, weights.stage_points(stage))];
    if stage.eviction_threatens() {
        let why = if stage == EvictionStage::EvictionNotice {
            "er is een ontruimingsdatum"
        } else {
            "er loopt een rechtszaak over de woning"
        };
        let label = format!("Topprioriteit: {why}; gaat altijd voor");
        factors.push(factor("top_priority", label, weights.top_priority));
    }
    factors
}

fn rent_ratio_factor(input: &PriorityInput, weights: &PriorityWeights) -> Factor {
    let rent = input.monthly_rent_cents.filter(|rent| *rent > 0);
    let (Some(rent), true) = (rent, input.rent_arrears_cents > 0) else {
        let label = "Huurachterstand in maanden huur: onbekend".into();
        return factor("rent_ratio", label, 0);
    };
    let tenths = tenths_of(input.rent_arrears_cents, rent);
    let counted = tenths.min(i64::from(weights.max_rent_tenths));
    let mut label = format!(
        "Huurachterstand: {} ({})",
        month_rent_text(tenths),
        format_euros(input.rent_arrears_cents)
    );
    if counted < tenths {
        label.push_str(&format!(", telt tot {}", month_rent_text(counted)));
    }
    let points = weights.per_tenth_month_rent.saturating_mul(counted);
    factor("rent_ratio", label, points)
}

/// `amount / rent` in tenths, rounded half up, in integers so no money
/// passes through a float.
fn tenths_of(amount_cents: i64, rent_cents: i64) -> i64 {
    let (amount, rent) = (i128::from(amount_cents), i128::from(rent_cents));
    let tenths = (amount * 20 + rent) / (rent * 2);
    i64::try_from(tenths).unwrap_or(i64::MAX)
}

/// "2,5 maand huur", "3 maand huur".
fn month_rent_text(tenths: i64) -> String {
    match (tenths / 10, tenths % 10) {
        (0, 0) => "minder dan 0,1 maand huur".to_string(),
        (whole, 0) => format!("{whole} maand huur"),
        (whole, tenth) => format!("{whole},{tenth} maand huur"),
    }
}

fn months_factor(months: u32, weights: &PriorityWeights) -> Factor {
    let counted = months.min(weights.max_months_in_arrears);
    let unit = if months == 1 { "maand" } else { "maanden" };
    let mut label = format!("{months} {unit} achterstand");
    if counted < months {
        label.push_str(&format!(", telt tot {counted}"));
    }
    let points = weights.per_month_in_arrears.saturating_mul(counted.into());
    factor("months_in_arrears", label, points)
}

fn creditors_factor(count: u32, weights: &PriorityWeights) -> Factor {
    let counted = count.min(weights.max_creditors);
    let mut label = if count == 1 {
        "1 schuldeiser".to_string()
    } else {
        format!("{count} verschillende schuldeisers")
    };
    if counted < count {
        label.push_str(&format!(", telt tot {counted}"));
    }
    let points = weights.per_creditor.saturating_mul(counted.into());
    factor("creditors", label, points)
}

#[cfg(test)]
mod tests;
