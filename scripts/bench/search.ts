// `npm run bench -- search`: the command palette's search (GET /api/search's data function) at a large
// estate — 50,000 integration points over 2,000 services, 60 teams, 500 journeys and 5,000 decision
// records, generated with SQL in a scratch database. Prints p50/p95 per kind of query (an exact key, a
// prefix, a rare and a common substring, one and two characters, no match), which indexes the plans
// use, and the same queries with the search indexes dropped, for comparison.
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { scratchDataDir, startEmbedded } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { timeEach } from "./stats";

const INTEGRATIONS = Number(process.env.BENCH_INTEGRATIONS ?? 50_000);
const SERVICES = 2000;
const TEAMS = 60;
const JOURNEYS = 500;
const DECISIONS = 5000;
const WORDS = ["order", "payment", "stock", "price", "quote", "refund", "invoice", "shipment", "customer", "session", "basket", "review"];
const SEARCH_INDEXES = /_(lower|trgm)_idx$|_search_trgm_idx$/;

async function load(client: pg.Client) {
  await client.query("BEGIN");
  await client.query(`INSERT INTO teams (id, slug, name, updated_at) SELECT gen_random_uuid(), 'team-' || g, 'Team ' || g, now() FROM generate_series(1, $1) g`, [TEAMS]);
  await client.query(
    `INSERT INTO services (id, slug, name, team_id, tier, telemetry_name, updated_at)
     SELECT gen_random_uuid(), 'svc-' || g, initcap(($3::text[])[1 + g % 12]) || ' service ' || g, (SELECT id FROM teams WHERE slug = 'team-' || (1 + g % $2)), 1 + g % 4, 'svc-' || g, now()
     FROM generate_series(1, $1) g`,
    [SERVICES, TEAMS, WORDS],
  );
  // Keys as the demo estate writes them: source->target:operation, every word on every service.
  await client.query(
    `WITH s AS (SELECT id, slug, row_number() OVER (ORDER BY slug) - 1 AS n FROM services)
     INSERT INTO integration_points (id, key, source_service_id, target_service_id, operation, style, protocol, criticality, lifecycle,
       budget_p99_ms, semantics, tags, description, slo_success_target_percent, slo_latency_target_percent, slo_window_days, updated_at)
     SELECT gen_random_uuid(), src.slug || '->' || tgt.slug || ':' || ($2::text[])[1 + g % 12] || '-' || g, src.id, tgt.id, ($2::text[])[1 + g % 12] || '-' || g,
       'sync', 'grpc', 'medium', CASE WHEN g % 10 = 0 THEN 'retired' ELSE 'active' END, 250, '{}', '{}', 'Generated', 99.9, 99, 28, now()
     FROM generate_series(0, $1 - 1) g
     JOIN s src ON src.n = g % ${SERVICES} JOIN s tgt ON tgt.n = (g * 7 + 13) % ${SERVICES}`,
    [INTEGRATIONS, WORDS],
  );
  await client.query(
    `INSERT INTO journeys (id, slug, name, team_id, budget_p99_ms, criticality, updated_at)
     SELECT gen_random_uuid(), 'journey-' || g, 'Journey ' || initcap(($2::text[])[1 + g % 12]) || ' ' || g, (SELECT id FROM teams WHERE slug = 'team-' || (1 + g % 60)), 800, 'high', now()
     FROM generate_series(1, $1) g`,
    [JOURNEYS, WORDS],
  );
  await client.query(
    `INSERT INTO decision_records (id, number, title, status, content, author_label, updated_at)
     SELECT gen_random_uuid(), g, 'Move ' || ($2::text[])[1 + g % 12] || ' flow ' || g || ' to asynchronous messaging', 'draft', '{}', 'bench', now()
     FROM generate_series(1, $1) g`,
    [DECISIONS, WORDS],
  );
  await client.query("COMMIT");
  await client.query("ANALYZE");
}

const CASES: [string, string][] = [
  ["exact integration key", ""], // filled in from the data
  ["prefix of a source service", "svc-42->"],
  ["rare substring (one operation)", "refund-4321"],
  ["common substring (a word in 1 of 12 keys)", "invoice"],
  ["very common substring (every key)", "svc"],
  ["one character", "s"],
  ["two characters", "pa"],
  ["decision number", "ADR-0042"],
  ["no match", "zzqqy"],
];

export async function run() {
  const dataDir = scratchDataDir("edgewise-bench-search-");
  const database = await startEmbedded({ dataDir });
  const client = new pg.Client({ connectionString: database.url });
  try {
    await migrate(database.url);
    await client.connect();
    const loadStarted = performance.now();
    await load(client);
    const loadMs = Math.round(performance.now() - loadStarted);

    const { rows: keys } = await client.query<{ key: string }>("SELECT key FROM integration_points WHERE lifecycle <> 'retired' ORDER BY key OFFSET 1234 LIMIT 1");
    CASES[0]![1] = keys[0]!.key.toUpperCase();
    process.env.DATABASE_URL = database.url;
    const { disconnectDb } = await import("../../lib/db/client");
    const { kindQuery, search } = await import("../../lib/search/search");
    const { systemActor } = await import("../../lib/auth/actor");
    const actor = { ...systemActor("bench"), role: "viewer" as const, via: "session" as const };
    const figures: Record<string, unknown> = { machine: `${os.cpus().length} cores, node ${process.version}`, integrations: INTEGRATIONS, services: SERVICES, teams: TEAMS, journeys: JOURNEYS, decisions: DECISIONS, loadMs, limitPerKind: 8 };

    const measure = async (label: string, samples: number) => {
      const out: Record<string, unknown> = {};
      console.log(`\n${label}`);
      for (const [name, q] of CASES) {
        const op = () => search(actor, { q, limit: 8 });
        const first = await op();
        await timeEach(20, 1, op); // warm-up: connections, plans
        const stats = await timeEach(samples, 1, op);
        const hits = first.groups.reduce((n, g) => n + g.items.length, 0);
        out[name] = { q, hits, ...stats };
        console.log(`${name.padEnd(44)} q=${JSON.stringify(q).padEnd(34)} hits ${String(hits).padStart(2)}  p50 ${stats.p50Ms} ms  p95 ${stats.p95Ms} ms`);
      }
      return out;
    };
    figures.indexed = await measure("With the search indexes (the shipped schema):", 200);

    // The plan of the integration points' look with substrings (the costlier of the two) for each case.
    const { db } = await import("../../lib/db/client");
    const { Prisma } = await import("@prisma/client");
    const { rows: indexes } = await client.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()");
    const ours = indexes.map((r) => r.indexname).filter((n) => SEARCH_INDEXES.test(n));
    const plans: Record<string, string[]> = {};
    for (const [name, q] of CASES) {
      const rows = await db().$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${kindQuery("integration", q, 9, 9)}`);
      const text = rows.map((r) => r["QUERY PLAN"]).join("\n");
      plans[name] = ours.filter((i) => text.includes(i)).concat(/Seq Scan on integration_points/.test(text) ? ["Seq Scan"] : []);
      console.log(`plan, ${name.padEnd(44)} ${plans[name].join(", ")}`);
    }
    figures.plans = plans;

    await client.query(ours.map((n) => `DROP INDEX "${n}";`).join("\n"));
    await client.query("ANALYZE");
    figures.unindexed = await measure(`Without them (dropped: ${ours.length} indexes), for comparison:`, 40);
    await disconnectDb();
    return figures;
  } finally {
    await client.end().catch(() => {});
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
