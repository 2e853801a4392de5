//! The storage contract of the vroegsignalering intake, on both backends:
//! idempotency, history, matching into cases, routing and who sees what.

use std::sync::Arc;
use vangnet_domain::routing::Route;
use vangnet_store::*;

#[macro_use]
mod backends;
use backends::world::*;

contract!(
    sending_the_same_signal_twice_is_a_duplicate,
    a_changed_signal_is_an_update_with_history,
    a_households_signals_share_one_case,
    unroutable_signals_are_kept_and_listed,
    partners_and_gemeenten_see_only_their_own,
    concurrent_overlapping_imports_end_as_one_after_the_other,
    imports_record_their_counts_and_rejected_rows,
    a_kenmerk_twice_in_one_batch_is_stored_once,
    a_corrected_address_is_routed_and_matched_again,
);

async fn sending_the_same_signal_twice_is_a_duplicate(store: Arc<dyn Store>) {
    let w = world(store).await;
    let batch = vec![
        signal("K1", "2511AB", 12, Route::Gemeente(w.haag)),
        signal("K2", "2512CD", 3, Route::Gemeente(w.haag)),
    ];
    let first = w
        .store
        .store_signals(import(&w, w.corp).await, w.corp, &batch)
        .await
        .unwrap();
    assert!(first
        .iter()
        .all(|o| matches!(o, SignalOutcome::Created { .. })));
    let second = w
        .store
        .store_signals(import(&w, w.corp).await, w.corp, &batch)
        .await
        .unwrap();
    assert!(
        second
            .iter()
            .all(|o| matches!(o, SignalOutcome::Duplicate { .. })),
        "{second:?}"
    );
    assert_eq!(
        w.store
            .gemeente_signals(w.haag, Page::first(50))
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        w.store
            .gemeente_cases(w.haag, Page::first(50))
            .await
            .unwrap()
            .len(),
        2
    );
    // Each batch leaves its own audit entry, and the chain still holds.
    let audit = w
        .store
        .list_audit(OrgScope::Only(w.corp), None, 50)
        .await
        .unwrap();
    let stored: Vec<&str> = audit
        .iter()
        .map(|e| e.event.action.as_str())
        .filter(|a| *a == "signals.store")
        .collect();
    assert_eq!(stored.len(), 2);
    assert!(verify_audit(&*w.store).await.unwrap().is_ok());
    // The same kenmerk from another partner is another signal.
    let other = w
        .store
        .store_signals(import(&w, w.energy).await, w.energy, &batch[..1])
        .await
        .unwrap();
    assert!(matches!(other[0], SignalOutcome::Created { .. }));
}

async fn a_changed_signal_is_an_update_with_history(store: Arc<dyn Store>) {
    let w = world(store).await;
    let original = signal("K1", "2511AB", 12, Route::Gemeente(w.haag));
    w.store
        .store_signals(
            import(&w, w.corp).await,
            w.corp,
            std::slice::from_ref(&original),
        )
        .await
        .unwrap();
    let mut changed = original.clone();
    changed.amount_cents = 90_000;
    changed.signal_date = date("2026-04-01");
    changed.content_hash = "hash-K1-v2".into();
    let outcome = w
        .store
        .store_signals(
            import(&w, w.corp).await,
            w.corp,
            std::slice::from_ref(&changed),
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome[0], SignalOutcome::Updated { .. }),
        "{outcome:?}"
    );
    let versions = w.store.signal_versions(w.corp, "K1").await.unwrap();
    assert_eq!(
        versions,
        vec![
            SignalVersion {
                version: 1,
                amount_cents: 45_000,
                signal_date: date("2026-03-02")
            },
            SignalVersion {
                version: 2,
                amount_cents: 90_000,
                signal_date: date("2026-04-01")
            },
        ]
    );
    let again = w
        .store
        .store_signals(import(&w, w.corp).await, w.corp, &[changed])
        .await
        .unwrap();
    assert!(matches!(again[0], SignalOutcome::Duplicate { .. }));
    assert_eq!(
        w.store
            .gemeente_signals(w.haag, Page::first(50))
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn a_households_signals_share_one_case(store: Arc<dyn Store>) {
    let w = world(store).await;
    let rent = signal("HUUR-1", "2511AB", 12, Route::Gemeente(w.haag));
    let mut energy = signal("EN-9", "2511AB", 12, Route::Gemeente(w.haag));
    energy.partner_type = "Energie".into();
    energy.signal_date = date("2026-03-20");
    let mut neighbour = signal("EN-10", "2511AB", 14, Route::Gemeente(w.haag));
    neighbour.partner_type = "Energie".into();
    w.store
        .store_signals(import(&w, w.corp).await, w.corp, &[rent])
        .await
        .unwrap();
    let outcomes = w
        .store
        .store_signals(import(&w, w.energy).await, w.energy, &[energy, neighbour])
        .await
        .unwrap();
    let SignalOutcome::Created {
        case: CaseLink::Joined { case_id },
        ..
    } = outcomes[0]
    else {
        panic!("the energy signal joins the rent case: {outcomes:?}");
    };
    assert!(matches!(
        outcomes[1],
        SignalOutcome::Created {
            case: CaseLink::Created { repeat: false, .. },
            ..
        }
    ));

    let (case, signals) = w.store.case_detail(w.haag, case_id).await.unwrap().unwrap();
    assert_eq!(case.signal_count, 2);
    assert_eq!(case.total_cents, 90_000);
    assert_eq!(case.partner_types, "Energie, Huur");
    assert_eq!(
        signals[0].match_reason, None,
        "the first signal opened the case"
    );
    assert_eq!(signals[1].match_reason.as_deref(), Some("zelfde-adres"));
    assert!(
        w.store
            .case_detail(w.rijswijk, case_id)
            .await
            .unwrap()
            .is_none(),
        "scoped to the gemeente"
    );

    // Two months later the same household opens a new case, flagged as a repeat.
    let mut later = signal("HUUR-2", "2511AB", 12, Route::Gemeente(w.haag));
    later.signal_date = date("2026-05-10");
    let outcome = w
        .store
        .store_signals(import(&w, w.corp).await, w.corp, &[later])
        .await
        .unwrap();
    assert!(
        matches!(
            outcome[0],
            SignalOutcome::Created {
                case: CaseLink::Created { repeat: true, .. },
                ..
            }
        ),
        "{outcome:?}"
    );

    // Same BSN at another address joins as well.
    let mut with_bsn = signal("HUUR-3", "2599ZZ", 1, Route::Gemeente(w.haag));
    with_bsn.bsn = Some("123456782".into());
    with_bsn.signal_date = date("2026-06-01");
    let mut moved = signal("EN-11", "2500AA", 7, Route::Gemeente(w.haag));
    moved.bsn = Some("123456782".into());
    moved.signal_date = date("2026-06-05");
    moved.partner_type = "Energie".into();
    w.store
        .store_signals(import(&w, w.corp).await, w.corp, &[with_bsn])
        .await
        .unwrap();
    let outcome = w
        .store
        .store_signals(import(&w, w.energy).await, w.energy, &[moved])
        .await
        .unwrap();
    let SignalOutcome::Created {
        case: CaseLink::Joined { case_id },
        ..
    } = outcome[0]
    else {
        panic!("same BSN joins: {outcome:?}");
    };
    let (_, signals) = w.store.case_detail(w.haag, case_id).await.unwrap().unwrap();
    assert_eq!(signals[1].match_reason.as_deref(), Some("zelfde-bsn"));
}

async fn unroutable_signals_are_kept_and_listed(store: Arc<dyn Store>) {
    let w = world(store).await;
    let batch = vec![
        signal("K1", "9999AA", 1, Route::Unroutable),
        signal("K2", "2599AA", 1, Route::Conflict(vec![w.haag, w.rijswijk])),
    ];
    let outcomes = w
        .store
        .store_signals(import(&w, w.corp).await, w.corp, &batch)
        .await
        .unwrap();
    assert!(outcomes.iter().all(|o| matches!(
        o,
        SignalOutcome::Created {
            case: CaseLink::None,
            ..
        }
    )));
    let listed = w.store.unroutable_signals(Page::first(50)).await.unwrap();
    let routing: Vec<&str> = listed.iter().map(|s| s.routing.as_str()).collect();
    assert_eq!(routing, ["conflict", "unroutable"]);
    assert!(w
        .store
        .gemeente_signals(w.haag, Page::first(50))
        .await
        .unwrap()
        .is_empty());
}

async fn partners_and_gemeenten_see_only_their_own(store: Arc<dyn Store>) {
    let w = world(store).await;
    w.store
        .store_signals(
            import(&w, w.corp).await,
            w.corp,
            &[signal("K1", "2511AB", 1, Route::Gemeente(w.haag))],
        )
        .await
        .unwrap();
    w.store
        .store_signals(
            import(&w, w.energy).await,
            w.energy,
            &[signal("E1", "2281AA", 1, Route::Gemeente(w.rijswijk))],
        )
        .await
        .unwrap();
    let own = w
        .store
        .partner_signals(w.corp, Page::first(50))
        .await
        .unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].kenmerk, "K1");
    assert_eq!(own[0].status, "Nog niet opgepakt");
    let haag = w
        .store
        .gemeente_signals(w.haag, Page::first(50))
        .await
        .unwrap();
    assert_eq!(
        haag.iter().map(|s| s.kenmerk.as_str()).collect::<Vec<_>>(),
        ["K1"]
    );
    let rijswijk = w
        .store
        .gemeente_signals(w.rijswijk, Page::first(50))
        .await
        .unwrap();
    assert_eq!(
        rijswijk
            .iter()
            .map(|s| s.kenmerk.as_str())
            .collect::<Vec<_>>(),
        ["E1"]
    );
    assert!(w
        .store
        .gemeente_signals(w.corp, Page::first(50))
        .await
        .unwrap()
        .is_empty());
}

async fn concurrent_overlapping_imports_end_as_one_after_the_other(store: Arc<dyn Store>) {
    let w = Arc::new(world(store).await);
    // Two files with 60 rows each, 40 of them in both; many share a household.
    let rows = |from: usize, to: usize| -> Vec<NewSignal> {
        (from..to)
            .map(|i| {
                signal(
                    &format!("K{i}"),
                    "2511AB",
                    (i % 7) as i64 + 1,
                    Route::Gemeente(w.haag),
                )
            })
            .collect()
    };
    let files = [rows(0, 60), rows(20, 80)];
    let mut tasks = Vec::new();
    for file in files {
        let w = w.clone();
        tasks.push(tokio::spawn(async move {
            let id = import(&w, w.corp).await;
            for batch in file.chunks(7) {
                w.store
                    .store_signals(id, w.corp, batch)
                    .await
                    .expect("no batch may fail");
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let signals = w
        .store
        .gemeente_signals(w.haag, Page::first(500))
        .await
        .unwrap();
    assert_eq!(signals.len(), 80, "every kenmerk once");
    let cases = w
        .store
        .gemeente_cases(w.haag, Page::first(500))
        .await
        .unwrap();
    assert_eq!(cases.len(), 7, "one case per household");
    assert_eq!(cases.iter().map(|c| c.signal_count).sum::<i64>(), 80);
}

async fn imports_record_their_counts_and_rejected_rows(store: Arc<dyn Store>) {
    let w = world(store).await;
    let id = import(&w, w.corp).await;
    let counts = ImportCounts {
        accepted: 3,
        rejected: 1,
        cases_created: 2,
        cases_joined: 1,
        ..Default::default()
    };
    let csv = "regel;kenmerk;fout\n3;K9;bedrag ontbreekt\n";
    let finished = FinishedImport {
        import_id: id,
        partner_org_id: w.corp,
        counts,
        failure: None,
        rejected_csv: Some(csv),
    };
    w.store.finish_import(&finished, cli()).await.unwrap();
    let imports = w.store.list_imports(w.corp, 10).await.unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].counts, counts);
    assert_eq!(imports[0].status, "completed");
    assert!(imports[0].has_rejected_rows);
    assert!(imports[0].finished_at.is_some());
    assert_eq!(
        w.store.rejected_rows(w.corp, id).await.unwrap().as_deref(),
        Some(csv)
    );
    assert_eq!(
        w.store.rejected_rows(w.energy, id).await.unwrap(),
        None,
        "another partner's import"
    );
    assert!(w.store.list_imports(w.energy, 10).await.unwrap().is_empty());
    assert_eq!(
        w.store
            .import_record(w.corp, id)
            .await
            .unwrap()
            .unwrap()
            .counts,
        counts
    );
    assert!(
        w.store.import_record(w.energy, id).await.unwrap().is_none(),
        "scoped to the partner"
    );
}

async fn a_kenmerk_twice_in_one_batch_is_stored_once(store: Arc<dyn Store>) {
    let w = world(store).await;
    let first = signal("K1", "2511AB", 12, Route::Gemeente(w.haag));
    let mut changed = first.clone();
    changed.amount_cents = 50_000;
    changed.content_hash = "hash-K1-v2".into();
    let batch = vec![
        first.clone(),
        signal("K2", "2511AB", 12, Route::Gemeente(w.haag)),
        first,
        changed,
    ];
    let outcomes = w
        .store
        .store_signals(import(&w, w.corp).await, w.corp, &batch)
        .await
        .unwrap();
    let SignalOutcome::Created { signal_id, .. } = outcomes[0] else {
        panic!("{outcomes:?}")
    };
    assert!(
        matches!(
            outcomes[1],
            SignalOutcome::Created {
                case: CaseLink::Joined { .. },
                ..
            }
        ),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[2], SignalOutcome::Duplicate { signal_id });
    assert_eq!(outcomes[3], SignalOutcome::Updated { signal_id });
    assert_eq!(
        w.store.signal_versions(w.corp, "K1").await.unwrap().len(),
        2
    );
    assert_eq!(
        w.store
            .gemeente_signals(w.haag, Page::first(50))
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn a_corrected_address_is_routed_and_matched_again(store: Arc<dyn Store>) {
    let w = world(store).await;
    let typo = signal("K1", "9999ZZ", 12, Route::Unroutable);
    w.store
        .store_signals(import(&w, w.corp).await, w.corp, &[typo])
        .await
        .unwrap();
    assert_eq!(
        w.store
            .unroutable_signals(Page::first(10))
            .await
            .unwrap()
            .len(),
        1
    );

    // The partner fixes the postcode and sends the same kenmerk again.
    let mut fixed = signal("K1", "2511AB", 12, Route::Gemeente(w.haag));
    fixed.content_hash = "hash-K1-fixed".into();
    let neighbour = signal("K2", "2511AB", 12, Route::Gemeente(w.haag));
    let outcomes = w
        .store
        .store_signals(import(&w, w.corp).await, w.corp, &[neighbour, fixed])
        .await
        .unwrap();
    assert!(
        matches!(outcomes[1], SignalOutcome::Updated { .. }),
        "{outcomes:?}"
    );
    assert!(w
        .store
        .unroutable_signals(Page::first(10))
        .await
        .unwrap()
        .is_empty());
    let routed = w
        .store
        .gemeente_signals(w.haag, Page::first(10))
        .await
        .unwrap();
    assert_eq!(routed.len(), 2);
    let case = routed[0].case_id.expect("placed in a case");
    assert!(
        routed.iter().all(|s| s.case_id == Some(case)),
        "same household, one case: {routed:?}"
    );

    // The household moves to Rijswijk: the signal follows, the old case loses it.
    let mut moved = signal("K1", "2281AA", 3, Route::Gemeente(w.rijswijk));
    moved.content_hash = "hash-K1-moved".into();
    w.store
        .store_signals(import(&w, w.corp).await, w.corp, &[moved])
        .await
        .unwrap();
    assert_eq!(
        w.store
            .gemeente_signals(w.haag, Page::first(10))
            .await
            .unwrap()
            .len(),
        1
    );
    let rijswijk = w
        .store
        .gemeente_signals(w.rijswijk, Page::first(10))
        .await
        .unwrap();
    assert_eq!(rijswijk.len(), 1);
    assert!(rijswijk[0].case_id.is_some_and(|c| c != case));
    assert_eq!(rijswijk[0].postcode, "2281AA");
}
