//! The set-based batch for PostgreSQL, where every statement is a network
//! round trip: a batch reads what it needs in a few queries (known
//! kenmerken, candidate cases), decides in memory with `domain::matching`,
//! and writes new signals and cases in multi-row INSERTs. Stamped out for
//! the backend's connection type by `intake_queries!`.

macro_rules! intake_queries {
    ($conn:ty) => {
        async fn match_settings_in(
            conn: &mut $conn,
            cache: &mut $crate::intake::SettingsCache,
            gemeente: i64,
        ) -> $crate::Result<vangnet_domain::matching::MatchSettings> {
            if let Some(settings) = cache.get(&gemeente) {
                return Ok(*settings);
            }
            let row: Option<(i64, i64)> = sqlx::query_as($crate::intake::sql::MATCH_SETTINGS)
                .bind(gemeente)
                .fetch_optional(&mut *conn)
                .await?;
            let settings = $crate::intake::match_settings_of(row);
            cache.insert(gemeente, settings);
            Ok(settings)
        }

        async fn update_signal(
            conn: &mut $conn,
            import_id: i64,
            old: &$crate::intake::ExistingSignal,
            s: &$crate::NewSignal,
            place: &$crate::intake::Placement,
        ) -> $crate::Result<()> {
            let now = $crate::ts::Ts(chrono::Utc::now());
            for case_id in [old.case_id, place.case_id].into_iter().flatten() {
                sqlx::query($crate::intake::sql::PRIORITY_STALE)
                    .bind(case_id)
                    .execute(&mut *conn)
                    .await?;
            }
            sqlx::query($crate::intake::sql::INSERT_HISTORY)
                .bind(old.id)
                .bind(old.version)
                .bind(old.amount_cents)
                .bind(old.arrears_start)
                .bind(old.signal_date)
                .bind(&old.content_hash)
                .bind(now)
                .bind(import_id)
                .execute(&mut *conn)
                .await?;
            sqlx::query($crate::intake::sql::UPDATE_SIGNAL)
                .bind(old.id)
                .bind(&s.partner_type)
                .bind(s.amount_cents)
                .bind(s.arrears_start)
                .bind(s.signal_date)
                .bind(s.crisis)
                .bind(s.warm_handover)
                .bind(&s.bsn)
                .bind(&s.initials)
                .bind(&s.prefix)
                .bind(&s.surname)
                .bind(s.birth_date)
                .bind(&s.phone)
                .bind(&s.email)
                .bind(&s.street)
                .bind(&s.city)
                .bind(s.monthly_rent_cents)
                .bind(s.contact_tried)
                .bind(s.pointed_to_help)
                .bind(s.reminder_sent_on)
                .bind(&s.content_hash)
                .bind(import_id)
                .bind(now)
                .bind(s.house_number)
                .bind(&s.addition)
                .bind(&s.postcode)
                .bind(&s.household_key)
                .bind(&place.routing)
                .bind(place.gemeente)
                .bind(place.case_id)
                .bind(&place.reason)
                .bind(&s.contact_wish)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// The batch's kenmerken that this partner sent before.
        async fn load_existing(
            conn: &mut $conn,
            partner: i64,
            batch: &[$crate::NewSignal],
        ) -> $crate::Result<std::collections::HashMap<String, $crate::intake::ExistingSignal>> {
            let mut found = std::collections::HashMap::new();
            for chunk in batch.chunks($crate::intake::IN_CHUNK) {
                let sql = format!(
                    "{} IN ({})",
                    $crate::intake::sql::EXISTING_SELECT,
                    $crate::intake::placeholders(2, chunk.len())
                );
                let mut query =
                    sqlx::query_as::<_, $crate::intake::ExistingSignal>(&sql).bind(partner);
                for signal in chunk {
                    query = query.bind(&signal.kenmerk);
                }
                for row in query.fetch_all(&mut *conn).await? {
                    found.insert(row.kenmerk.clone(), row);
                }
            }
            Ok(found)
        }

        /// Every case that shares a household or a BSN with the batch.
        async fn load_cases(
            conn: &mut $conn,
            batch: &[$crate::NewSignal],
        ) -> $crate::Result<$crate::intake::CaseIndex> {
            let mut keys: Vec<&str> = batch.iter().map(|s| s.household_key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            let mut bsns: Vec<&str> = batch.iter().filter_map(|s| s.bsn.as_deref()).collect();
            bsns.sort_unstable();
            bsns.dedup();
            let select = $crate::intake::sql::CANDIDATE_SELECT;
            let mut rows = Vec::new();
            for chunk in keys.chunks($crate::intake::IN_CHUNK) {
                let sql = format!(
                    "{select} c.household_key IN ({})",
                    $crate::intake::placeholders(1, chunk.len())
                );
                let mut query = sqlx::query_as::<_, $crate::intake::CandidateRow>(&sql);
                for key in chunk {
                    query = query.bind(*key);
                }
                rows.extend(query.fetch_all(&mut *conn).await?);
            }
            for chunk in bsns.chunks($crate::intake::IN_CHUNK) {
                let sql = format!(
                    "{select} c.id IN (SELECT case_id FROM signals WHERE bsn IN ({}) \
                     AND case_id IS NOT NULL)",
                    $crate::intake::placeholders(1, chunk.len())
                );
                let mut query = sqlx::query_as::<_, $crate::intake::CandidateRow>(&sql);
                for bsn in chunk {
                    query = query.bind(*bsn);
                }
                rows.extend(query.fetch_all(&mut *conn).await?);
            }
            Ok($crate::intake::CaseIndex::from_rows(rows))
        }

        /// Writes the batch's new cases and returns provisional → real ids.
        async fn insert_cases(
            conn: &mut $conn,
            cases: &mut Vec<$crate::intake::NewCase>,
        ) -> $crate::Result<std::collections::HashMap<i64, i64>> {
            let mut real = std::collections::HashMap::new();
            let now = $crate::ts::Ts(chrono::Utc::now());
            for chunk in cases.chunks($crate::intake::ROWS_PER_INSERT * 6) {
                let sql = $crate::intake::insert_cases_sql(chunk.len());
                let mut query = sqlx::query_as::<_, $crate::intake::InsertedCase>(&sql);
                for case in chunk {
                    // A repeat of a case from this same batch is linked below,
                    // once that case has its real id.
                    let repeat_of = case.repeat_of.filter(|id| *id > 0);
                    query = query
                        .bind(case.gemeente)
                        .bind(&case.household_key)
                        .bind(case.opened_on)
                        .bind(repeat_of)
                        .bind(now);
                }
                for row in query.fetch_all(&mut *conn).await? {
                    let case = chunk
                        .iter()
                        .find(|c| {
                            c.gemeente == row.gemeente_org_id
                                && c.household_key == row.household_key
                                && c.opened_on == row.opened_on
                        })
                        .ok_or($crate::StoreError::NotFound)?;
                    real.insert(case.provisional_id, row.id);
                }
            }
            for case in cases
                .iter()
                .filter(|c| c.repeat_of.is_some_and(|id| id < 0))
            {
                sqlx::query($crate::intake::sql::SET_REPEAT_OF)
                    .bind($crate::intake::resolve(
                        case.repeat_of.unwrap_or_default(),
                        &real,
                    ))
                    .bind($crate::intake::resolve(case.provisional_id, &real))
                    .execute(&mut *conn)
                    .await?;
            }
            cases.clear();
            Ok(real)
        }

        /// Finds or opens the case of a routed signal.
        async fn place_in_case(
            conn: &mut $conn,
            cache: &mut $crate::intake::SettingsCache,
            index: &mut $crate::intake::CaseIndex,
            new_cases: &mut Vec<$crate::intake::NewCase>,
            gemeente: i64,
            signal: &$crate::NewSignal,
        ) -> $crate::Result<($crate::CaseLink, Option<&'static str>)> {
            let settings = match_settings_in(conn, cache, gemeente).await?;
            let candidates =
                index.candidates(gemeente, &signal.household_key, signal.bsn.as_deref());
            let decision = vangnet_domain::matching::decide(
                &$crate::intake::incoming(signal),
                &candidates,
                settings,
            );
            let (case_id, reason) = match &decision {
                vangnet_domain::matching::MatchDecision::Join { case_id, reason } => {
                    // A case opened by this batch has no priority yet anyway.
                    if *case_id > 0 {
                        sqlx::query($crate::intake::sql::PRIORITY_STALE)
                            .bind(*case_id)
                            .execute(&mut *conn)
                            .await?;
                    }
                    (*case_id, Some(reason.slug()))
                }
                vangnet_domain::matching::MatchDecision::NewCase { repeat_of } => {
                    let id = index.provisional_id();
                    new_cases.push($crate::intake::NewCase {
                        provisional_id: id,
                        gemeente,
                        household_key: signal.household_key.clone(),
                        opened_on: signal.signal_date,
                        repeat_of: *repeat_of,
                    });
                    (id, None)
                }
            };
            index.record(gemeente, case_id, &decision, signal);
            Ok(($crate::intake::case_link(&decision, case_id), reason))
        }

        /// Writes the waiting new signals in multi-row INSERTs and records
        /// their outcomes with the ids they got.
        async fn insert_pending(
            conn: &mut $conn,
            import_id: i64,
            partner: i64,
            batch: &[$crate::NewSignal],
            new_cases: &mut Vec<$crate::intake::NewCase>,
            pending: &mut Vec<$crate::intake::Pending>,
            outcomes: &mut $crate::intake::Outcomes,
        ) -> $crate::Result<std::collections::HashMap<i64, i64>> {
            let real = insert_cases(conn, new_cases).await?;
            for p in pending.iter_mut() {
                p.case = $crate::intake::resolve_link(p.case, &real);
            }
            let now = $crate::ts::Ts(chrono::Utc::now());
            for chunk in pending.chunks($crate::intake::ROWS_PER_INSERT) {
                let sql = $crate::intake::insert_sql(chunk.len());
                let mut query = sqlx::query(&sql);
                for p in chunk {
                    let s = &batch[p.position];
                    let (routing, gemeente) = $crate::intake::routing_slug(s);
                    let case_id = match p.case {
                        $crate::CaseLink::Created { case_id, .. }
                        | $crate::CaseLink::Joined { case_id } => Some(case_id),
                        $crate::CaseLink::None => None,
                    };
                    query = query
                        .bind(partner)
                        .bind(gemeente)
                        .bind(routing)
                        .bind(case_id)
                        .bind(p.reason);
                    query = $crate::intake::bind_signal_columns!(query, s)
                        .bind(import_id)
                        .bind(now)
                        .bind(now);
                }
                query.execute(&mut *conn).await?;
            }
            let written: Vec<$crate::NewSignal> =
                pending.iter().map(|p| batch[p.position].clone()).collect();
            let ids = load_existing(conn, partner, &written).await?;
            for p in pending.drain(..) {
                let id = ids
                    .get(&batch[p.position].kenmerk)
                    .map(|e| e.id)
                    .ok_or($crate::StoreError::NotFound)?;
                outcomes[p.position] = Some($crate::SignalOutcome::Created {
                    signal_id: id,
                    case: p.case,
                });
            }
            Ok(real)
        }

        /// A whole batch: duplicates and updates of known kenmerken, new
        /// signals placed in cases, in the order given.
        async fn store_batch(
            conn: &mut $conn,
            import_id: i64,
            partner: i64,
            batch: &[$crate::NewSignal],
        ) -> $crate::Result<Vec<$crate::SignalOutcome>> {
            let mut cache = $crate::intake::SettingsCache::new();
            let mut existing = load_existing(conn, partner, batch).await?;
            let mut index = load_cases(conn, batch).await?;
            let mut outcomes: $crate::intake::Outcomes = vec![None; batch.len()];
            let mut pending: Vec<$crate::intake::Pending> = Vec::new();
            let mut new_cases: Vec<$crate::intake::NewCase> = Vec::new();
            let mut waiting: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for (position, signal) in batch.iter().enumerate() {
                // The same kenmerk twice in one batch: write the first, so
                // the second is compared with it like any resend.
                if waiting.contains(signal.kenmerk.as_str()) {
                    insert_pending(
                        conn,
                        import_id,
                        partner,
                        batch,
                        &mut new_cases,
                        &mut pending,
                        &mut outcomes,
                    )
                    .await?;
                    waiting.clear();
                    index = load_cases(conn, batch).await?;
                    existing = load_existing(conn, partner, batch).await?;
                }
                if let Some(old) = existing.get(&signal.kenmerk).cloned() {
                    if old.content_hash == signal.content_hash {
                        outcomes[position] =
                            Some($crate::SignalOutcome::Duplicate { signal_id: old.id });
                    } else {
                        let place = if $crate::intake::moved(&old, signal) {
                            // Write what is queued, so the new placement sees it.
                            insert_pending(
                                conn,
                                import_id,
                                partner,
                                batch,
                                &mut new_cases,
                                &mut pending,
                                &mut outcomes,
                            )
                            .await?;
                            waiting.clear();
                            index = load_cases(conn, batch).await?;
                            let (case, reason) = match $crate::intake::routing_slug(signal).1 {
                                Some(g) => {
                                    place_in_case(
                                        conn,
                                        &mut cache,
                                        &mut index,
                                        &mut new_cases,
                                        g,
                                        signal,
                                    )
                                    .await?
                                }
                                None => ($crate::CaseLink::None, None),
                            };
                            let real = insert_pending(
                                conn,
                                import_id,
                                partner,
                                batch,
                                &mut new_cases,
                                &mut pending,
                                &mut outcomes,
                            )
                            .await?;
                            index = load_cases(conn, batch).await?;
                            let case = $crate::intake::resolve_link(case, &real);
                            $crate::intake::Placement::new(signal, case, reason)
                        } else {
                            $crate::intake::Placement::of(&old)
                        };
                        update_signal(conn, import_id, &old, signal, &place).await?;
                        let newer = $crate::intake::ExistingSignal::stored(
                            old.id,
                            old.version + 1,
                            signal,
                            &place,
                        );
                        existing.insert(signal.kenmerk.clone(), newer);
                        outcomes[position] =
                            Some($crate::SignalOutcome::Updated { signal_id: old.id });
                    }
                    continue;
                }
                let (case, reason) = match $crate::intake::routing_slug(signal).1 {
                    Some(gemeente) => {
                        place_in_case(
                            conn,
                            &mut cache,
                            &mut index,
                            &mut new_cases,
                            gemeente,
                            signal,
                        )
                        .await?
                    }
                    None => ($crate::CaseLink::None, None),
                };
                pending.push($crate::intake::Pending {
                    position,
                    case,
                    reason,
                });
                waiting.insert(signal.kenmerk.as_str());
            }
            insert_pending(
                conn,
                import_id,
                partner,
                batch,
                &mut new_cases,
                &mut pending,
                &mut outcomes,
            )
            .await?;
            outcomes
                .into_iter()
                .map(|o| o.ok_or($crate::StoreError::NotFound))
                .collect()
        }
    };
}

pub(crate) use intake_queries;
