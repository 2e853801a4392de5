//! Routing a signal to the gemeente whose PC4 areas hold its postcode. Two
//! gemeenten claiming the same postcode is a configuration error; it is
//! reported as such, never silently resolved by picking one.

use crate::org::PostcodeRanges;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Gemeente(i64),
    /// No gemeente serves this postcode: the signal goes on the
    /// platform admins' unroutable list.
    Unroutable,
    /// More than one gemeente claims it: an admin must fix the areas.
    Conflict(Vec<i64>),
}

/// The PC4 areas of every gemeente, indexed for a fast lookup: one slot
/// per four-digit postcode.
pub struct RoutingTable {
    slots: Vec<Slot>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    Free,
    One(i64),
    Many(Vec<i64>),
}

impl RoutingTable {
    pub fn new<'a>(gemeenten: impl IntoIterator<Item = (i64, &'a PostcodeRanges)>) -> Self {
        let mut slots = vec![Slot::Free; 10_000];
        for (org_id, ranges) in gemeenten {
            for range in &ranges.0 {
                for pc4 in range.from..=range.to {
                    let slot = &mut slots[pc4 as usize];
                    *slot = match std::mem::replace(slot, Slot::Free) {
                        Slot::Free => Slot::One(org_id),
                        Slot::One(other) if other == org_id => Slot::One(org_id),
                        Slot::One(other) => Slot::Many(vec![other, org_id]),
                        Slot::Many(mut ids) => {
                            if !ids.contains(&org_id) {
                                ids.push(org_id);
                            }
                            Slot::Many(ids)
                        }
                    };
                }
            }
        }
        RoutingTable { slots }
    }

    pub fn route(&self, pc4: u16) -> Route {
        match self.slots.get(pc4 as usize) {
            Some(Slot::One(id)) => Route::Gemeente(*id),
            Some(Slot::Many(ids)) => Route::Conflict(ids.clone()),
            _ => Route::Unroutable,
        }
    }

    /// Every postcode range claimed by more than one gemeente, as
    /// (first pc4, last pc4, gemeenten), for the admin's error list.
    pub fn conflicts(&self) -> Vec<(u16, u16, Vec<i64>)> {
        let mut out: Vec<(u16, u16, Vec<i64>)> = Vec::new();
        for (pc4, slot) in self.slots.iter().enumerate() {
            let Slot::Many(ids) = slot else { continue };
            let pc4 = pc4 as u16;
            match out.last_mut() {
                Some((_, to, last_ids)) if *to + 1 == pc4 && last_ids == ids => *to = pc4,
                _ => out.push((pc4, pc4, ids.clone())),
            }
        }
        out
    }
}

/// The postcodes of `new` that a gemeente in `existing` already serves, as
/// (that gemeente, first pc4, last pc4): a new gemeente must not claim them.
pub fn overlapping_claims<'a>(
    existing: impl IntoIterator<Item = (i64, &'a PostcodeRanges)>,
    new: &PostcodeRanges,
) -> Vec<(i64, u16, u16)> {
    let table = RoutingTable::new(existing);
    let mut out: Vec<(i64, u16, u16)> = Vec::new();
    for range in &new.0 {
        for pc4 in range.from..=range.to {
            let owners = match table.route(pc4) {
                Route::Gemeente(id) => vec![id],
                Route::Conflict(ids) => ids,
                Route::Unroutable => continue,
            };
            for owner in owners {
                match out
                    .iter_mut()
                    .find(|(id, _, to)| *id == owner && *to + 1 == pc4)
                {
                    Some(claim) => claim.2 = pc4,
                    None => out.push((owner, pc4, pc4)),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_table() {
        let haag = PostcodeRanges::parse("2490-2599,2612").unwrap();
        let rijswijk = PostcodeRanges::parse("2280-2289").unwrap();
        let greedy = PostcodeRanges::parse("2599-2600").unwrap();
        let table = RoutingTable::new([(1, &haag), (2, &rijswijk), (3, &greedy)]);
        let cases = [
            (2511, Route::Gemeente(1)),
            (2612, Route::Gemeente(1)),
            (2285, Route::Gemeente(2)),
            (2600, Route::Gemeente(3)),
            (2599, Route::Conflict(vec![1, 3])),
            (9999, Route::Unroutable),
            (1000, Route::Unroutable),
        ];
        for (pc4, expected) in cases {
            assert_eq!(table.route(pc4), expected, "{pc4}");
        }
        assert_eq!(table.conflicts(), vec![(2599, 2599, vec![1, 3])]);
    }

    #[test]
    fn overlapping_claims_table() {
        let haag = PostcodeRanges::parse("2490-2599").unwrap();
        let rijswijk = PostcodeRanges::parse("2280-2289").unwrap();
        let existing = [(1, &haag), (2, &rijswijk)];
        let cases = [
            ("1000-1999", vec![]),
            ("2599-2601", vec![(1, 2599, 2599)]),
            ("2285,2500-2510", vec![(2, 2285, 2285), (1, 2500, 2510)]),
        ];
        for (new, expected) in cases {
            let new = PostcodeRanges::parse(new).unwrap();
            assert_eq!(overlapping_claims(existing, &new), expected);
        }
    }

    #[test]
    fn conflicts_merge_adjacent_codes() {
        let a = PostcodeRanges::parse("1000-1010").unwrap();
        let b = PostcodeRanges::parse("1005-1020").unwrap();
        let table = RoutingTable::new([(1, &a), (2, &b)]);
        assert_eq!(table.conflicts(), vec![(1005, 1010, vec![1, 2])]);
    }
}
