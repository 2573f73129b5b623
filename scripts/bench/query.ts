// `npm run bench:query`: reading telemetry back at estate scale. Fills a scratch database with 1,000
// integration points × 90 days of histograms (minute and five-minute buckets for the last 14 days, hours and days
// for all 90, as the rollups leave them), written straight with SQL; then, against the production
// build, prints p50/p95 of the latency API over 24 h, 7 d and 90 d, of the SLO endpoint, of the
// overview page, and of the whole-estate health refresh — and, for a subset whose last 24 h come
// from raw samples, the same hourly percentiles by percentile_cont over those samples, as a ratio.
import os from "node:os";
import pg from "pg";
import { RELATIVE_ACCURACY } from "../../lib/telemetry/histogram";
import { ensureBuild } from "../build-state";
import { startBenchServer, type BenchServer } from "./server";
import { timeEach } from "./stats";
import { scratchEstate, signIn } from "./support/estate";

const INTEGRATIONS = Number(process.env.BENCH_INTEGRATIONS ?? 1000);
const SERVICES = 100;
const DAYS = 90;
const MINUTE_DAYS = 14;
/** Integration points whose last 24 h are built from raw samples, kept for percentile_cont. */
const RAW_SUBSET = 20;
const RAW_PER_MINUTE = 60;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const HOUR = 3_600_000;

/** The value a histogram bucket stands for (lib/telemetry/histogram.ts), as SQL over an index expression. */
const bucketValue = (index: string) => `(2 * power(${GAMMA}, ${index}) / ${GAMMA + 1})`;

/**
 * Histogram shapes per integration point: eight minute variants and one hour and one day shape, for the
 * 28-day baseline and the last 7 days (5 % drift up 30 % there). Every tenth has a slow tail over its
 * budget; every fiftieth fails one call a minute. Buckets repeat those of the minute shape at ×60, ×1440.
 */
export const shapesSql = (scope: string) => `
  CREATE TABLE bench_shapes AS
  WITH ips AS (
    SELECT ip.id::text AS series_key, ip.budget_p99_ms AS budget, row_number() OVER (ORDER BY ip.key) AS n
    FROM integration_points ip JOIN services s ON s.id = ip.source_service_id WHERE ${scope}
  ), phases AS (
    SELECT series_key, n, phase, budget * CASE WHEN n % 10 = 0 THEN 0.7 ELSE 0.4 END * CASE WHEN phase = 'recent' AND n % 20 = 3 THEN 1.3 ELSE 1 END AS base
    FROM ips, (VALUES ('baseline'), ('recent')) AS p(phase)
  ), shaped AS (
    SELECT series_key, n, phase, v, mult, ceil(ln(base) / ln(${GAMMA}))::int + v - 4 AS idx, base
    FROM phases, generate_series(0, 7) AS v, (VALUES (1), (5), (60), (1440)) AS m(mult)
    WHERE mult = 1 OR v = 4
  )
  SELECT series_key, phase, v, mult, CASE WHEN n % 50 = 7 THEN mult ELSE 0 END AS errors,
    jsonb_build_object('zero', 0, 'count', 60 * mult, 'sumMs', 60 * mult * base,
      'minMs', ${bucketValue("idx - 20")}, 'maxMs', ${bucketValue("idx + 60")},
      'buckets', jsonb_build_object((idx - 20)::text, 10 * mult, (idx - 10)::text, 15 * mult, idx::text, 20 * mult,
                                    (idx + 10)::text, 10 * mult, (idx + 20)::text, 4 * mult, (idx + 60)::text, mult)) AS histogram
  FROM shaped`;

/**
 * Buckets of one resolution over its last `days` for a chunk of the series in bench_shapes (minute
 * variants rotate by the minute; coarser tiers repeat one shape at ×mult).
 */
export function insertBuckets(c: pg.Client, tier: { resolution: string; bin: string; days: number; mult: number }, now: Date, chunk: string[]) {
  const { resolution, bin, days, mult } = tier;
  return c.query(
    `INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, updated_at)
     SELECT sh.series_key, '${resolution}', t, (sh.histogram->>'count')::bigint, sh.errors, sh.histogram, now()
     FROM generate_series(date_bin('${bin}', $1::timestamptz, 'epoch') - interval '${days} days', $1::timestamptz - interval '${bin}', interval '${bin}') AS t
     JOIN bench_shapes sh ON sh.series_key = ANY($2::text[]) AND sh.mult = ${mult}
       AND sh.phase = CASE WHEN t >= $1::timestamptz - interval '7 days' THEN 'recent' ELSE 'baseline' END
       AND sh.v = CASE WHEN ${mult} = 1 THEN (extract(epoch FROM t)::bigint / 60) % 8 ELSE 4 END`,
    [now, chunk],
  );
}

export async function load(url: string, log: (s: string) => void) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`INSERT INTO teams (id, slug, name, updated_at) VALUES (gen_random_uuid(), 'bench-team', 'Bench', now())`);
    await c.query(
      `INSERT INTO services (id, slug, name, team_id, tier, telemetry_name, updated_at)
       SELECT gen_random_uuid(), 'bench-svc-' || g, 'Bench service ' || g, (SELECT id FROM teams WHERE slug = 'bench-team'), 2, 'bench-svc-' || g, now()
       FROM generate_series(1, $1) g`,
      [SERVICES],
    );
    await c.query(
      `INSERT INTO integration_points (id, key, source_service_id, target_service_id, operation, style, protocol, criticality, lifecycle,
         budget_p99_ms, semantics, tags, description, slo_success_target_percent, slo_latency_target_percent, slo_window_days, updated_at)
       SELECT gen_random_uuid(), s.slug || '->' || t.slug || ':op-' || g, s.id, t.id, 'op-' || g, 'sync', 'grpc', 'high', 'active',
              100 + (g % 10) * 50, '{"resilience": {"timeoutMs": 1000, "retries": null, "circuitBreaker": null, "fallback": null, "concurrencyLimit": null}}',
              ARRAY[]::text[], '', 99.9, 99, 28, now()
       FROM generate_series(1, $1) g
       JOIN services s ON s.slug = 'bench-svc-' || (1 + g % ${SERVICES})
       JOIN services t ON t.slug = 'bench-svc-' || (1 + (g * 7 + 13) % ${SERVICES})`,
      [INTEGRATIONS],
    );
    await c.query(shapesSql("s.slug LIKE 'bench-svc-%'"));
    await c.query("CREATE INDEX ON bench_shapes (series_key, mult, phase, v)");
    // A scratch database: skip WAL and build the indexes once at the end, as a bulk load would.
    await c.query("ALTER TABLE latency_buckets SET UNLOGGED");
    await c.query("ALTER TABLE latency_buckets DROP CONSTRAINT latency_buckets_pkey");
    await c.query("DROP INDEX latency_buckets_resolution_start_idx");
    const { rows: series } = await c.query<{ series_key: string }>("SELECT DISTINCT series_key FROM bench_shapes ORDER BY 1");
    const [{ now }] = (await c.query<{ now: Date }>("SELECT date_trunc('minute', now()) AS now")).rows as [{ now: Date }];
    const insert = (resolution: string, bin: string, days: number, mult: number, chunk: string[]) => insertBuckets(c, { resolution, bin, days, mult }, now, chunk);
    for (let i = 0; i < series.length; i += 50) {
      const chunk = series.slice(i, i + 50).map((s) => s.series_key);
      await insert("minute", "1 minute", MINUTE_DAYS, 1, chunk);
      await insert("five_minute", "5 minutes", MINUTE_DAYS, 5, chunk);
      await insert("hour", "1 hour", DAYS, 60, chunk);
      await insert("day", "1 day", DAYS, 1440, chunk);
      log(`  ${Math.min(i + 50, series.length)}/${series.length} integration points loaded`);
    }

    // The raw-sample subset: 60 calls a minute over the last 24 whole hours, log-normal-ish around 40 % of
    // the budget; their minute buckets are rebuilt from these samples, as ingestion would have folded them.
    const hourEnd = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    const subset = series.slice(0, RAW_SUBSET).map((s) => s.series_key);
    await c.query(
      `CREATE TABLE bench_raw_samples AS
       SELECT ip.id::text AS series_key, t + (k * interval '1 second') AS at, ip.budget_p99_ms * 0.4 * exp(0.5 * (random() + random() + random() - 1.5)) AS ms
       FROM integration_points ip, generate_series($1::timestamptz - interval '24 hours', $1::timestamptz - interval '1 minute', interval '1 minute') AS t,
            generate_series(0, ${RAW_PER_MINUTE - 1}) AS k
       WHERE ip.id::text = ANY($2::text[])`,
      [hourEnd, subset],
    );
    await c.query("CREATE INDEX ON bench_raw_samples (series_key, at)");
    await c.query(`DELETE FROM latency_buckets WHERE resolution = 'minute' AND series_key = ANY($1::text[]) AND start >= $2::timestamptz - interval '24 hours' AND start < $2`, [subset, hourEnd]);
    await c.query(
      `INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, updated_at)
       WITH keyed AS (
         SELECT series_key, date_trunc('minute', at) AS minute, ceil(ln(ms) / ln(${GAMMA}))::int AS idx, count(*) AS n, sum(ms) AS sum_ms, min(ms) AS min_ms, max(ms) AS max_ms
         FROM bench_raw_samples GROUP BY 1, 2, 3
       )
       SELECT series_key, 'minute', minute, sum(n), 0,
              jsonb_build_object('zero', 0, 'count', sum(n), 'sumMs', sum(sum_ms), 'minMs', min(min_ms), 'maxMs', max(max_ms),
                                 'buckets', jsonb_object_agg(idx::text, n)),
              now()
       FROM keyed GROUP BY series_key, minute`,
    );
    // …and their five-minute and hour buckets rolled up from those minutes, as the roll-up would have
    // (hourly reads use hours).
    for (const [resolution, bin] of [["five_minute", "5 minutes"], ["hour", "1 hour"]]) {
      await c.query(`DELETE FROM latency_buckets WHERE resolution = $3 AND series_key = ANY($1::text[]) AND start >= $2::timestamptz - interval '24 hours' AND start < $2`, [subset, hourEnd, resolution]);
      await c.query(
        `INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, updated_at)
         SELECT series_key, $3, date_bin('${bin}', start, 'epoch'), sum(count), sum(errors), edgewise_histogram_agg(histogram), now()
         FROM latency_buckets WHERE resolution = 'minute' AND series_key = ANY($1::text[]) AND start >= $2::timestamptz - interval '24 hours' AND start < $2
         GROUP BY 1, 3`,
        [subset, hourEnd, resolution],
      );
    }

    log("  building indexes");
    await c.query(`ALTER TABLE latency_buckets ADD CONSTRAINT latency_buckets_pkey PRIMARY KEY (series_key, resolution, start)`);
    await c.query(`CREATE INDEX latency_buckets_resolution_start_idx ON latency_buckets (resolution, start)`);
    await c.query(
      `INSERT INTO telemetry_rollups (resolution, rolled_until, updated_at)
       VALUES ('five_minute', date_bin('5 minutes', $1::timestamptz, 'epoch'), now()), ('hour', date_trunc('hour', $1::timestamptz), now()), ('day', date_trunc('day', $1::timestamptz), now())
       ON CONFLICT (resolution) DO UPDATE SET rolled_until = EXCLUDED.rolled_until`,
      [now],
    );
    await c.query("ANALYZE");
    const { rows: size } = await c.query<{ rows: string; bytes: string }>(
      "SELECT (SELECT count(*) FROM latency_buckets) AS rows, pg_size_pretty(pg_total_relation_size('latency_buckets')) AS bytes",
    );
    return { subset, hourEnd, buckets: Number(size[0]!.rows), size: size[0]!.bytes };
  } finally {
    await c.end();
  }
}

/** The subset's hourly p50/p95/p99 over the last 24 h by percentile_cont on the raw samples. */
async function rawPercentiles(c: pg.Client, seriesKey: string, hourEnd: Date) {
  const { rows } = await c.query<{ hour: Date; p: number[] }>(
    `SELECT date_trunc('hour', at) AS hour, percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY ms) AS p
     FROM bench_raw_samples WHERE series_key = $1 AND at >= $2::timestamptz - interval '24 hours' AND at < $2 GROUP BY 1 ORDER BY 1`,
    [seriesKey, hourEnd],
  );
  return rows;
}

export async function run() {
  ensureBuild();
  const estate = await scratchEstate("bench-query");
  let server: BenchServer | undefined;
  const log = (s: string) => console.log(s);
  try {
    log(`Loading ${INTEGRATIONS} integration points × ${DAYS} days…`);
    const loadStarted = performance.now();
    const loaded = await load(estate.database.url, log);
    const loadMs = Math.round(performance.now() - loadStarted);
    log(`Loaded ${loaded.buckets.toLocaleString("en")} buckets (${loaded.size}) in ${(loadMs / 1000).toFixed(0)} s`);

    // The whole-estate health refresh the server runs every minute.
    const { refreshHealth } = await import("../../lib/slo/health");
    const refresh = await timeEach(5, 1, () => refreshHealth());
    const byStatus = (await refreshHealth()).byStatus;
    log(`health refresh (whole estate)               p50 ${refresh.p50Ms} ms p95 ${refresh.p95Ms} ms  ${JSON.stringify(byStatus)}`);

    const token = await estate.token(["catalog:read"]);
    const serverStarted = new Date();
    server = await startBenchServer(estate.database.url);
    const base = server.base;
    const cookie = await signIn(base, "architect@edgewise.local", "edgewise-demo");
    const c = new pg.Client({ connectionString: estate.database.url });
    await c.connect();
    // The server catches up at start (a roll-up pass, then the health of the whole estate): time what a
    // user sees after that. Its refresh every minute still runs while the cases are timed.
    log("waiting for the server's start-up roll-up and health pass…");
    for (let waited = 0; waited < 300; waited++) {
      const { rows } = await c.query<{ done: boolean }>("SELECT coalesce(min(computed_at) >= $1, false) AS done FROM integration_health", [serverStarted]);
      if (rows[0]!.done) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const { rows: keyRows } = await c.query<{ key: string; id: string }>(
      `SELECT ip.key, ip.id::text AS id FROM integration_points ip JOIN services s ON s.id = ip.source_service_id WHERE s.slug LIKE 'bench-svc-%' ORDER BY ip.key`,
    );
    const keys = keyRows.map((r) => r.key);
    const get = async (url: string, headers: Record<string, string>) => {
      const res = await fetch(`${base}${url}`, { headers });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res;
    };
    const api = (path: (key: string) => string) => (i: number) => get(path(encodeURIComponent(keys[i % keys.length]!)), { authorization: `Bearer ${token}` }).then((r) => r.arrayBuffer());
    const range = (ms: number, step: string) => (key: string) => `/api/integrations/${key}/latency?from=${new Date(Date.now() - ms).toISOString()}&step=${step}`;
    const cases: [string, (i: number) => Promise<unknown>, number][] = [
      ["latency API, 24 h (15 m steps)", api(range(24 * HOUR, "15m")), 200],
      ["latency API, 7 d (1 h steps)", api(range(7 * 24 * HOUR, "1h")), 100],
      ["latency API, 90 d (1 d steps)", api(range(90 * 24 * HOUR, "1d")), 200],
      ["SLO endpoint", api((key) => `/api/integrations/${key}/slo`), 100],
      ["overview page", () => get("/", { cookie }).then((r) => r.arrayBuffer()), 50],
    ];
    const figures: Record<string, unknown> = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      integrations: INTEGRATIONS,
      days: DAYS,
      buckets: loaded.buckets,
      tableSize: loaded.size,
      loadMs,
      healthRefresh: { ...refresh, byStatus },
    };
    for (const [name, op, count] of cases) {
      await timeEach(10, 1, op); // warm-up
      const stats = await timeEach(count, 1, op);
      figures[name] = stats;
      log(`${name.padEnd(44)} p50 ${stats.p50Ms} ms p95 ${stats.p95Ms} ms (max ${stats.maxMs} ms, n=${stats.count})`);
    }

    // Histograms against raw samples: the same 24 hourly p50/p95/p99, timed and compared.
    const hourly = (key: string) => `/api/integrations/${encodeURIComponent(key)}/latency?from=${new Date(loaded.hourEnd.getTime() - 24 * HOUR).toISOString()}&to=${loaded.hourEnd.toISOString()}&step=1h`;
    const subsetKeys = keyRows.filter((r) => loaded.subset.includes(r.id));
    const apiTimes = await timeEach(subsetKeys.length * 5, 1, (i) => get(hourly(subsetKeys[i % subsetKeys.length]!.key), { authorization: `Bearer ${token}` }).then((r) => r.arrayBuffer()));
    const rawTimes = await timeEach(subsetKeys.length * 5, 1, (i) => rawPercentiles(c, subsetKeys[i % subsetKeys.length]!.id, loaded.hourEnd));
    let worst = 0;
    for (const r of subsetKeys) {
      const body = (await (await get(hourly(r.key), { authorization: `Bearer ${token}` })).json()) as { series: { p50: number; p95: number; p99: number }[] };
      const raw = await rawPercentiles(c, r.id, loaded.hourEnd);
      raw.forEach((row, h) => {
        const point = body.series[h]!;
        [point.p50, point.p95, point.p99].forEach((v, q) => (worst = Math.max(worst, Math.abs(v - row.p[q]!) / row.p[q]!)));
      });
    }
    await c.end();
    const comparison = {
      samplesPerIntegration24h: 24 * 60 * RAW_PER_MINUTE,
      histogramApi: apiTimes,
      percentileContOverRawSamples: rawTimes,
      rawOverHistogramP50: Math.round((rawTimes.p50Ms / apiTimes.p50Ms) * 100) / 100,
      worstRelativeDifferencePercent: Math.round(worst * 10_000) / 100,
    };
    figures["24 h hourly percentiles: histograms vs raw samples"] = comparison;
    log(`24 h hourly p50/p95/p99 of ${subsetKeys.length} integration points (${comparison.samplesPerIntegration24h.toLocaleString("en")} raw samples each):`);
    log(`  latency API over histograms  p50 ${apiTimes.p50Ms} ms p95 ${apiTimes.p95Ms} ms (HTTP, auth included)`);
    log(`  percentile_cont over samples p50 ${rawTimes.p50Ms} ms p95 ${rawTimes.p95Ms} ms (SQL alone) — ${comparison.rawOverHistogramP50}× the API`);
    log(`  largest difference between the two: ${comparison.worstRelativeDifferencePercent} % (nearest rank on histograms vs interpolated)`);
    const p95 = (name: string) => (figures[name] as { p95Ms: number }).p95Ms;
    log(
      `Targets: 90-day latency API p95 < 50 ms (${p95("latency API, 90 d (1 d steps)")} ms); 24 h < 30 ms (${p95("latency API, 24 h (15 m steps)")} ms); overview < 300 ms (${p95("overview page")} ms)`,
    );
    return figures;
  } finally {
    await server?.stop();
    await estate.close();
  }
}
