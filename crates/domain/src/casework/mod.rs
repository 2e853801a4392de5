//! A gemeente's case work on vroegsignaalzaken: when each step is due and
//! which household to reach first.

pub mod cutoffs;
pub mod deadline;
pub mod priority;
pub mod state;

use serde::{Deserialize, Serialize};

/// How far a landlord's eviction track has come, in the order it runs
/// (../shared/domain.md, "The process"). No stage at all is `None` where
/// it is used, so "nothing known" and "nothing happened" read the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvictionStage {
    /// The free 14-day letter of art. 6:96(6) BW.
    FourteenDayLetter,
    /// The claim is with a bailiff (deurwaarder).
    Bailiff,
    /// Summons (dagvaarding) to the kantonrechter.
    Summons,
    /// Judgment (vonnis), usually dissolving the lease.
    Judgment,
    /// Notice of eviction (ontruimingsaanzegging): there is a date.
    EvictionNotice,
}

impl EvictionStage {
    pub const ALL: [EvictionStage; 5] = [
        EvictionStage::FourteenDayLetter,
        EvictionStage::Bailiff,
        EvictionStage::Summons,
        EvictionStage::Judgment,
        EvictionStage::EvictionNotice,
    ];

    pub fn label_nl(self) -> &'static str {
        match self {
            EvictionStage::FourteenDayLetter => "veertiendagenbrief",
            EvictionStage::Bailiff => "deurwaarder ingeschakeld",
            EvictionStage::Summons => "dagvaarding",
            EvictionStage::Judgment => "vonnis",
            EvictionStage::EvictionNotice => "ontruimingsaanzegging",
        }
    }

    /// Stable text for storage, forms and the API.
    pub fn slug(self) -> &'static str {
        match self {
            EvictionStage::FourteenDayLetter => "veertiendagenbrief",
            EvictionStage::Bailiff => "deurwaarder",
            EvictionStage::Summons => "dagvaarding",
            EvictionStage::Judgment => "vonnis",
            EvictionStage::EvictionNotice => "ontruimingsaanzegging",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|stage| stage.slug() == slug)
    }

    /// From the summons on a court can end the lease, so eviction threatens:
    /// the case gets top priority and the short first-contact deadline (the
    /// Wgs's 3 working days when eviction threatens).
    pub fn eviction_threatens(self) -> bool {
        self >= EvictionStage::Summons
    }
}

#[cfg(test)]
mod tests {
    use super::EvictionStage;

    #[test]
    fn stages_in_order_with_slugs() {
        let table = [
            ("veertiendagenbrief", false),
            ("deurwaarder", false),
            ("dagvaarding", true),
            ("vonnis", true),
            ("ontruimingsaanzegging", true),
        ];
        for (i, (slug, threatens)) in table.into_iter().enumerate() {
            let stage = EvictionStage::from_slug(slug).expect(slug);
            assert_eq!(stage, EvictionStage::ALL[i]);
            assert_eq!(stage.slug(), slug);
            assert_eq!(stage.eviction_threatens(), threatens, "{slug}");
        }
        assert!(EvictionStage::ALL.is_sorted());
        assert_eq!(EvictionStage::from_slug("Dagvaarding"), None);
    }
}
