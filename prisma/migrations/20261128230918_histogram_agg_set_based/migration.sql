-- Hand-written: edgewise_histogram_agg merged each row into its running state with a full rebuild of
-- the state's bucket map, so merging n histograms of k buckets cost n·k jsonb operations and a 30-day
-- read took seconds. Now the aggregate only collects its inputs (array_append works in place for an
-- aggregate's state) and merges them once, set-based: one hash aggregate over every bucket entry.
-- Same name, same arguments, same result.
DROP AGGREGATE "edgewise_histogram_agg"(jsonb);

CREATE FUNCTION "edgewise_merge_histograms"(hs jsonb[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'zero', coalesce(sum((h->>'zero')::bigint), 0),
    'count', coalesce(sum((h->>'count')::bigint), 0),
    'sumMs', coalesce(sum((h->>'sumMs')::double precision), 0),
    'minMs', to_jsonb(min((h->>'minMs')::double precision)),
    'maxMs', to_jsonb(max((h->>'maxMs')::double precision)),
    'buckets', coalesce((SELECT jsonb_object_agg(k, total)
                         FROM (SELECT e.k, sum(e.v::bigint) AS total
                               FROM unnest(hs) AS x(h2), jsonb_each_text(coalesce(x.h2->'buckets', '{}'::jsonb)) AS e(k, v)
                               GROUP BY e.k) AS y), '{}'::jsonb)
  )
  FROM unnest(hs) AS u(h)
$$;

CREATE AGGREGATE "edgewise_histogram_agg"(jsonb) (
  SFUNC = array_append,
  STYPE = jsonb[],
  INITCOND = '{}',
  FINALFUNC = "edgewise_merge_histograms"
);
