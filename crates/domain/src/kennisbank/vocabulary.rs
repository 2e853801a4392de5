//! The kennisbank's two lists: where in the eviction track a practice helps
//! (the phases of the "ontruimingszeef") and who carries it out.

use crate::slug_enum::slug_enum;

slug_enum! {
    /// The phases of the ontruimingszeef, in the order a household passes
    /// them; `horizon` is the long view beyond one household.
    Phase, "fase" {
        Prevention => "preventie", "Preventie";
        Arrears => "fase-1-huurachterstand", "Fase 1: huurachterstand";
        Bailiff => "fase-2-deurwaarder", "Fase 2: deurwaarder";
        Judgment => "fase-3-vonnis", "Fase 3: vonnis";
        Eviction => "fase-4-ontruiming", "Fase 4: ontruiming";
        Aftercare => "fase-5-nazorg", "Fase 5: nazorg";
        Horizon => "horizon", "Horizon";
    }
}

slug_enum! {
    /// Who in the chain carries out a practice.
    ActorKind, "actor" {
        Municipality => "gemeente", "Gemeente";
        HousingAssociation => "woningcorporatie", "Woningcorporatie";
        Bailiff => "deurwaarder", "Deurwaarder";
        CollectionAgency => "incassobureau", "Incassobureau";
        Creditor => "schuldeiser", "Schuldeiser";
        SupportService => "hulpverlening", "Hulpverlening";
        Tenant => "huurder", "Huurder";
        Government => "rijk", "Rijk";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_in_sieve_order_with_labels() {
        let table: Vec<(&str, &str)> = Phase::ALL
            .iter()
            .map(|p| (p.slug(), p.label_nl()))
            .collect();
        assert_eq!(
            table,
            [
                ("preventie", "Preventie"),
                ("fase-1-huurachterstand", "Fase 1: huurachterstand"),
                ("fase-2-deurwaarder", "Fase 2: deurwaarder"),
                ("fase-3-vonnis", "Fase 3: vonnis"),
                ("fase-4-ontruiming", "Fase 4: ontruiming"),
                ("fase-5-nazorg", "Fase 5: nazorg"),
                ("horizon", "Horizon"),
            ]
        );
        // The derived order is the sieve's order, so sorting a set sorts it
        // the way pick lists show it.
        assert!(Phase::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn actors_with_labels() {
        let slugs: Vec<&str> = ActorKind::ALL.iter().map(|a| a.slug()).collect();
        assert_eq!(
            slugs,
            [
                "gemeente",
                "woningcorporatie",
                "deurwaarder",
                "incassobureau",
                "schuldeiser",
                "hulpverlening",
                "huurder",
                "rijk"
            ]
        );
        assert_eq!(ActorKind::Government.label_nl(), "Rijk");
        assert!(ActorKind::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn unknown_slugs_are_refused_in_dutch() {
        assert_eq!(
            Phase::parse("fase-9").unwrap_err(),
            "'fase-9' is geen fase; kies uit preventie, fase-1-huurachterstand, \
             fase-2-deurwaarder, fase-3-vonnis, fase-4-ontruiming, fase-5-nazorg, horizon"
        );
        assert!(ActorKind::parse("Gemeente").is_err());
        assert_eq!(
            serde_json::to_string(&ActorKind::HousingAssociation).unwrap(),
            "\"woningcorporatie\""
        );
    }
}
