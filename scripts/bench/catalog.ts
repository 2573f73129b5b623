// `npm run bench:catalog`: 5,000 integration points over 300 services in a scratch database, served
// by the production build; prints p50/p95 of the list API (unfiltered, filtered, searched) and of
// the catalog page render, measured over loopback from this process.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { scratchDataDir, startEmbedded } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { ensureBuild } from "../build-state";
import { startBenchServer, type BenchServer } from "./server";
import { signIn } from "./support/estate";
import { timeEach } from "./stats";

const SERVICES = 300;
const INTEGRATIONS = 5000;
const TEAMS = 12;
const STYLES = ["sync", "sync", "sync", "async-event", "async-command", "async-queue", "stream", "hybrid"];
const PROTOCOLS = ["http", "grpc", "graphql", "kafka", "amqp", "sqs", "sns", "nats"];
const WORDS = ["order", "payment", "stock", "price", "quote", "refund", "invoice", "shipment", "customer", "session", "basket", "review"];

/** Bulk-loads the estate with multi-row INSERTs (the trigger fills the search column). */
async function load(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO teams (id, slug, name, updated_at) SELECT gen_random_uuid(), 'team-' || g, 'Team ' || g, now() FROM generate_series(1, $1) g`,
      [TEAMS],
    );
    await client.query(
      `INSERT INTO services (id, slug, name, team_id, tier, telemetry_name, updated_at)
       SELECT gen_random_uuid(), 'svc-' || g, 'Service ' || g, (SELECT id FROM teams WHERE slug = 'team-' || (1 + g % $2)), 1 + g % 4, 'svc-' || g, now()
       FROM generate_series(1, $1) g`,
      [SERVICES, TEAMS],
    );
    const { rows: services } = await client.query<{ id: string; slug: string }>("SELECT id, slug FROM services ORDER BY slug");
    for (let start = 0; start < INTEGRATIONS; start += 500) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let i = start; i < Math.min(INTEGRATIONS, start + 500); i++) {
        const source = services[i % SERVICES]!;
        const target = services[(i * 7 + 13) % SERVICES]!;
        const style = STYLES[i % STYLES.length]!;
        const word = WORDS[i % WORDS.length]!;
        const p99 = style === "sync" ? 50 + (i % 20) * 25 : 1000 + (i % 30) * 500;
        const row = [
          `${source.slug}->${target.slug}:${word}-${i}`,
          source.id,
          target.id,
          `${word}-${i}`,
          style,
          PROTOCOLS[i % PROTOCOLS.length],
          ["critical", "high", "medium", "low"][i % 4],
          ["active", "active", "active", "proposed", "deprecated"][i % 5],
          p99,
          JSON.stringify({ resilience: style === "sync" ? { timeoutMs: p99 * 2, retries: null, circuitBreaker: null, fallback: null, concurrencyLimit: null } : null }),
          [`tag-${i % 40}`],
          `Generated integration ${i}: the ${word} flow between ${source.slug} and ${target.slug}.`,
        ];
        const base = values.length;
        tuples.push(`(gen_random_uuid(), ${row.map((_, k) => `$${base + k + 1}`).join(", ")}, 99.9, 99, 28, now())`);
        values.push(...row);
      }
      await client.query(
        `INSERT INTO integration_points (id, key, source_service_id, target_service_id, operation, style, protocol, criticality, lifecycle,
           budget_p99_ms, semantics, tags, description, slo_success_target_percent, slo_latency_target_percent, slo_window_days, updated_at)
         VALUES ${tuples.join(", ")}`,
        values,
      );
    }
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

export async function run() {
  ensureBuild();
  const dataDir = scratchDataDir("edgewise-bench-catalog-");
  const database = await startEmbedded({ dataDir });
  let server: BenchServer | undefined;
  try {
    await migrate(database.url);
    const loadStarted = performance.now();
    await load(database.url);
    const loadMs = Math.round(performance.now() - loadStarted);

    process.env.DATABASE_URL = database.url;
    const { db, disconnectDb } = await import("../../lib/db/client");
    const { hashPassword } = await import("../../lib/auth/password");
    const { createToken } = await import("../../lib/auth/api-tokens");
    const { systemActor } = await import("../../lib/auth/actor");
    const password = randomBytes(12).toString("base64url");
    await db().user.create({ data: { email: "bench@edgewise.local", name: "Bench", role: "viewer", passwordHash: await hashPassword(password) } });
    const { token } = await createToken(systemActor("bench"), { name: "bench", scopes: ["catalog:read"], userEmail: "bench@edgewise.local" });
    await disconnectDb();

    server = await startBenchServer(database.url);
    const base = server.base;
    const cookie = await signIn(base, "bench@edgewise.local", password);
    const api = (query: string) => async () => {
      const res = await fetch(`${base}/api/integrations${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${query}: ${res.status}`);
      await res.arrayBuffer();
    };
    const page = (query: string) => async () => {
      const res = await fetch(`${base}/catalog${query}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`/catalog${query}: ${res.status}`);
      await res.arrayBuffer();
    };
    const cases: [string, () => Promise<void>][] = [
      ["list API, unfiltered (50 per page)", api("")],
      ["list API, filtered team+style", api("?team=team-3&style=sync,hybrid")],
      ["list API, sorted by p99 desc, page 20", api(`?sort=-p99&cursor=${Buffer.from("o:1000").toString("base64url")}`)],
      ["list API, full-text search", api("?q=refund")],
      ["catalog page, unfiltered", page("")],
      ["catalog page, filtered + search", page("?team=team-3&q=payment")],
    ];
    const figures: Record<string, unknown> = { machine: `${os.cpus().length} cores, node ${process.version}`, integrations: INTEGRATIONS, services: SERVICES, loadMs };
    for (const [name, op] of cases) {
      await timeEach(20, 2, op); // warm-up
      const stats = await timeEach(200, 1, op);
      const p95 = await timeEach(200, 4, op);
      figures[name] = { sequential: stats, concurrency4: p95 };
      console.log(`${name.padEnd(42)} sequential p50 ${stats.p50Ms} ms p95 ${stats.p95Ms} ms | 4 concurrent p50 ${p95.p50Ms} ms p95 ${p95.p95Ms} ms`);
    }
    const p95 = (name: string) => (figures[name] as { sequential: { p95Ms: number } }).sequential.p95Ms;
    console.log(`Targets: list API p95 < 100 ms (unfiltered ${p95("list API, unfiltered (50 per page)")} ms); page < 300 ms (${p95("catalog page, unfiltered")} ms)`);
    return figures;
  } finally {
    await server?.stop();
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
