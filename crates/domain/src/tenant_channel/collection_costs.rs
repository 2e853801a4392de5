//! Buitengerechtelijke incassokosten: the statutory scale of the Besluit
//! vergoeding voor buitengerechtelijke incassokosten (in force since
//! 1 July 2012), the only costs a consumer may be charged once the
//! veertiendagenbrief's term has passed (art. 6:96(5)-(6) BW).
//!
//! Rounding: every tier is computed exactly, in thousandths of a cent
//! (per-mille rates on whole cents), the tiers are added, and the sum is
//! rounded once to whole cents, half up. Rounding each tier separately
//! could drift a cent from the scale; rounding once keeps the amount as
//! close to the statute as cents allow, and half up is how Dutch amounts
//! are rounded on paper. The minimum and the maximum are applied after
//! rounding: they are whole amounts in the statute.
//!
//! No VAT: the tenants here are private persons, who cannot reclaim VAT,
//! and the scale's amounts are charged to them without it.

#[cfg(test)]
mod tests;

/// EUR 40: the scale's minimum (15% of EUR 266,67).
pub const MINIMUM_CENTS: i64 = 4_000;
/// EUR 6.775: the scale's maximum, reached at a principal of EUR 1.000.000.
pub const MAXIMUM_CENTS: i64 = 677_500;

/// The tiers as (width in cents, rate in per mille); the last runs on.
const TIERS: [(i64, i64); 5] = [
    (250_000, 150),
    (250_000, 100),
    (500_000, 50),
    (19_000_000, 10),
    (i64::MAX, 5),
];

/// Whether costs are charged at all. A leniency policy (coulanceregeling,
/// as in the 2020 moratorium) means none: the caller says which holds, so
/// the waiver is a visible input and never a hidden branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostsCharged {
    Yes,
    WaivedByLeniency,
}

/// What a letter states about collection costs. A waiver carries no
/// amount, so a renderer cannot print one by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionCosts {
    Charged { cents: i64 },
    WaivedByLeniency,
}

/// The scale applied to the principal (the arrears the letter claims, no
/// interest). Nothing owed means nothing to collect: 0 for 0 or less.
pub fn statutory_scale_cents(principal_cents: i64) -> i64 {
    if principal_cents <= 0 {
        return 0;
    }
    let mut rest = i128::from(principal_cents);
    let mut thousandths: i128 = 0;
    for (width, per_mille) in TIERS {
        let part = rest.min(i128::from(width));
        thousandths += part * i128::from(per_mille);
        rest -= part;
        if rest == 0 {
            break;
        }
    }
    // Half up: 0.5 cent and more goes to the next cent.
    let rounded = (thousandths + 500) / 1000;
    let rounded = i64::try_from(rounded).unwrap_or(i64::MAX);
    rounded.clamp(MINIMUM_CENTS, MAXIMUM_CENTS)
}

/// The costs to state in a letter: the scale, or the waiver.
pub fn collection_costs(principal_cents: i64, charged: CostsCharged) -> CollectionCosts {
    match charged {
        CostsCharged::Yes => CollectionCosts::Charged {
            cents: statutory_scale_cents(principal_cents),
        },
        CostsCharged::WaivedByLeniency => CollectionCosts::WaivedByLeniency,
    }
}
