//! The history's case work: every case the month's signals (or a melding)
//! opened is decided on, contacted and closed through the case step
//! service, with dates after its opening. Contact gets better over the two
//! years, so the funnel has a trend.

use super::trend;
use crate::commands::CliResult;
use crate::demo_cases::{contact, By, CaseWorkers};
use chrono::{Duration, NaiveDate};
use vangnet_domain::casework::state::Command;
use vangnet_domain::ddas::{ContactKind, DeclineReason, EndResult, PartOfDay};
use vangnet_intake::generate::Rng;
use vangnet_store::casework::{CaseOwner, QueueFilter, QueueRow};
use vangnet_store::{Org, Page, Store};

pub(super) struct Workers<'a> {
    gemeenten: [CaseWorkers<'a>; 2],
}

impl<'a> Workers<'a> {
    pub async fn load(
        store: &dyn Store,
        den_haag: &'a Org,
        rijswijk: &'a Org,
        helper: &'a Org,
    ) -> CliResult<Workers<'a>> {
        let den_haag = CaseWorkers::load(
            store,
            den_haag,
            helper,
            "medewerker@denhaag.example",
            Some("teamleider@denhaag.example"),
        )
        .await?;
        let rijswijk =
            CaseWorkers::load(store, rijswijk, helper, "medewerker@rijswijk.example", None).await?;
        Ok(Workers {
            gemeenten: [den_haag, rijswijk],
        })
    }

    /// Works every case still open, as it would have been worked in the
    /// weeks after it opened.
    pub async fn work(
        &mut self,
        store: &dyn Store,
        rng: &mut Rng,
        k: i64,
        today: NaiveDate,
    ) -> CliResult {
        let last_day = today - Duration::days(2);
        for workers in &self.gemeenten {
            for case in open_cases(store, workers.gemeente.id).await? {
                let repeat = case.repeat_of_case_id.is_some();
                let opened = (case.opened_on, repeat);
                let steps = plan(rng, opened, k, workers.helper.id, last_day);
                workers.steps(store, case.id, &steps).await?;
            }
        }
        Ok(())
    }
}

/// The gemeente's cases nobody decided on yet, oldest first.
async fn open_cases(store: &dyn Store, gemeente: i64) -> CliResult<Vec<QueueRow>> {
    let filter = QueueFilter {
        stage: Some("open".into()),
        ..QueueFilter::default()
    };
    let mut all = Vec::new();
    loop {
        let page = Page {
            limit: 500,
            offset: all.len() as i64,
        };
        let rows = store
            .case_queue(CaseOwner::Gemeente(gemeente), &filter, page)
            .await
            .map_err(|e| e.to_string())?;
        let done = rows.len() < 500;
        all.extend(rows);
        if done {
            break;
        }
    }
    all.sort_by_key(|r| r.id);
    Ok(all)
}

fn days(rng: &mut Rng, from: u64, to: u64) -> Duration {
    Duration::days((from + rng.below(to - from + 1)) as i64)
}

fn weighted<T: Copy>(rng: &mut Rng, choices: &[(T, u64)]) -> T {
    let mut pick = rng.below(choices.iter().map(|(_, w)| w).sum());
    for (choice, weight) in choices {
        if pick < *weight {
            return *choice;
        }
        pick -= weight;
    }
    choices[0].0
}

const PARTS: [PartOfDay; 3] = [PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Evening];

/// What happens to one case in month `k`: declined, or picked up,
/// contacted (reached or not), perhaps handed off, and closed.
fn plan(
    rng: &mut Rng,
    (opened, repeat): (NaiveDate, bool),
    k: i64,
    helper: i64,
    last_day: NaiveDate,
) -> Vec<(By, Command)> {
    let decline = |reason| vec![(By::Worker, Command::Decline { reason })];
    if repeat && rng.chance(35) {
        return decline(DeclineReason::RepeatSignal);
    }
    match rng.below(100) {
        0..=3 => return decline(DeclineReason::WrongSignal),
        4..=5 => return decline(DeclineReason::NotAResident),
        6 => return decline(DeclineReason::OtherReason),
        _ => {}
    }
    let at = |date: NaiveDate| date.min(last_day).max(opened);
    // Pick-up gets quicker as the team settles in.
    let slow = trend(k, 6.0, 2.0);
    let picked = at(opened + days(rng, 1, slow + 2));
    let mut steps = vec![(By::Worker, Command::PickUp { on: picked })];
    let reach = trend(k, 48.0, 76.0);
    let kind = weighted(
        rng,
        &[
            (ContactKind::Letter, 3),
            (ContactKind::Phone, 4),
            (ContactKind::HomeVisit, 3),
        ],
    );
    let mut on = at(picked + days(rng, 0, 4));
    let mut reached = rng.chance(reach);
    let part = *rng.pick(&PARTS);
    steps.push((By::Worker, contact(kind, reached, on, part, None)));
    if !reached && rng.chance(30) {
        on = at(on + days(rng, 3, 9));
        reached = rng.chance(45);
        let kind = *rng.pick(&[ContactKind::HomeVisit, ContactKind::Card]);
        steps.push((By::Worker, contact(kind, reached, on, part, None)));
    }
    if !reached {
        let result = weighted(
            rng,
            &[
                (EndResult::NoContactPossible, 7),
                (EndResult::ReferralWithoutContact, 3),
            ],
        );
        let on = at(on + days(rng, 10, 25));
        steps.push((By::Worker, Command::Close { result, on }));
        return steps;
    }
    if rng.chance(trend(k, 28.0, 40.0)) {
        let handed = at(on + days(rng, 1, 6));
        steps.push((
            By::Worker,
            Command::HandOff {
                to_org: helper,
                on: handed,
            },
        ));
        let met = at(handed + days(rng, 2, 8));
        steps.push((
            By::Helper,
            contact(ContactKind::Phone, true, met, PartOfDay::Morning, None),
        ));
        let result = weighted(
            rng,
            &[
                (EndResult::FinancialFollowUp, 6),
                (EndResult::NonFinancialFollowUp, 2),
                (EndResult::NoResponseAfterContact, 1),
            ],
        );
        let on = at(met + days(rng, 15, 50));
        steps.push((By::Helper, Command::Close { result, on }));
        return steps;
    }
    let result = weighted(
        rng,
        &[
            (EndResult::AdviceOrQuickFix, 6),
            (EndResult::AlreadyPaid, 4),
            (EndResult::NoHelpWanted, 4),
            (EndResult::KnownToDebtHelp, 2),
            (EndResult::OtherTrajectory, 2),
            (EndResult::NoResponseAfterContact, 2),
            (EndResult::FinancialFollowUp, 2),
        ],
    );
    let on = at(on + days(rng, 5, 30));
    steps.push((By::Worker, Command::Close { result, on }));
    steps
}

#[cfg(test)]
mod tests {
    use super::super::MONTHS;
    use super::*;

    #[test]
    fn every_case_ends_on_a_date_after_it_opened() {
        let mut rng = Rng::new(1);
        let opened = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
        let last_day = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
        for k in 0..MONTHS as i64 {
            for (_, command) in plan(&mut rng, (opened, k % 2 == 0), k, 9, last_day) {
                let date = match command {
                    Command::PickUp { on } | Command::Close { on, .. } => on,
                    Command::HandOff { on, .. } | Command::RecordContact { on, .. } => on,
                    _ => opened,
                };
                assert!(opened <= date && date <= last_day, "{command:?}");
            }
        }
    }
}
