-- Every index on signals costs each imported row a B-tree insert. Two of
-- them only ever serve a minority of rows, so they index only those: the
-- unroutable list (routing <> 'routed', a handful of rows) and the BSN
-- match (signals that carry a BSN).
DROP INDEX signals_routing;
CREATE INDEX signals_not_routed ON signals(id) WHERE routing <> 'routed';
DROP INDEX signals_bsn;
CREATE INDEX signals_bsn ON signals(bsn) WHERE bsn IS NOT NULL;
