// Read replicas for real: a primary and a streaming standby made with `pg_basebackup -R`, both
// PostgreSQL servers of their own (the run's shared database stays untouched). Checks which server
// a read reaches, read-your-writes while the standby's replay is paused, lag and fallback when the
// standby is stopped, and what /api/health reports.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { serviceSchema } from "@/lib/catalog/service-schema";
import { createService, listServices } from "@/lib/catalog/services";
import { disconnectDb } from "@/lib/db/client";
import { scratchDataDir, startEmbedded, startStandby, type EmbeddedServer } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { disconnectReplicas, inWriteScope, noteWrite, readDb, reader, replicaReports, withReader } from "@/lib/db/replicas";
import { GET as health } from "@/app/api/health/route";
import { createToken } from "@/lib/auth/api-tokens";
import { callRoute } from "@/scripts/test/in-process-api";
import { makeUser, unique } from "@/scripts/test/factories";
import { parseLsn } from "./read-routing";

/** pg_basebackup must match the primary's major version: the system's PostgreSQL 15 (the embedded packages ship none). */
function binDirWithBasebackup(): string | null {
  for (const dir of [process.env.EDGEWISE_PG_BIN_DIR, "/usr/lib/postgresql/15/bin"]) {
    if (dir && fs.existsSync(path.join(dir, "pg_basebackup")) && fs.existsSync(path.join(dir, "postgres"))) return dir;
  }
  return null;
}

const binDir = binDirWithBasebackup();
const person = (): Actor => ({ ...systemActor("reader"), userId: "11111111-1111-4111-8111-111111111111", email: "reader@example.com", via: "session" });

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const inRecovery = async (client: { $queryRaw: (s: TemplateStringsArray) => Promise<unknown> }) =>
  ((await client.$queryRaw`SELECT pg_is_in_recovery() AS r`) as { r: boolean }[])[0]!.r;

describe.skipIf(!binDir)(`read replicas (primary and standby from ${binDir ?? "no pg_basebackup: install postgresql-15"})`, () => {
  let primary: EmbeddedServer;
  let standby: EmbeddedServer;
  const dirs: string[] = [];
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_READ_URL: process.env.DATABASE_READ_URL, EDGEWISE_READ_MAX_LAG_SECONDS: process.env.EDGEWISE_READ_MAX_LAG_SECONDS };

  beforeAll(async () => {
    const primaryDir = scratchDataDir("edgewise-primary-");
    const standbyDir = scratchDataDir("edgewise-standby-");
    dirs.push(primaryDir, standbyDir);
    primary = await startEmbedded({ dataDir: primaryDir, binDir: binDir! });
    await migrate(primary.url);
    standby = await startStandby({ primaryUrl: primary.url, primaryDataDir: primaryDir, dataDir: standbyDir, binDir: binDir! });
    await disconnectDb();
    process.env.DATABASE_URL = primary.url;
    process.env.DATABASE_READ_URL = standby.url;
    process.env.EDGEWISE_READ_MAX_LAG_SECONDS = "30";
  }, 180_000);

  afterAll(async () => {
    await disconnectReplicas();
    await disconnectDb();
    Object.assign(process.env, saved);
    if (saved.DATABASE_READ_URL === undefined) delete process.env.DATABASE_READ_URL;
    if (saved.EDGEWISE_READ_MAX_LAG_SECONDS === undefined) delete process.env.EDGEWISE_READ_MAX_LAG_SECONDS;
    process.env.DATABASE_URL = inject("databaseUrl");
    await standby?.stop();
    await primary?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("is a streaming standby of the primary", async () => {
    const [row] = await sql<{ state: string }>(primary.url, "SELECT state FROM pg_stat_replication");
    expect(row?.state).toBe("streaming");
    expect((await sql<{ r: boolean }>(standby.url, "SELECT pg_is_in_recovery() AS r"))[0]!.r).toBe(true);
  });

  it("sends a person's reads to the standby, and the system's, writes' and unscoped reads to the primary", async () => {
    expect(await inRecovery(await reader(person()))).toBe(true);
    expect(await inRecovery(await reader(systemActor()))).toBe(false);
    expect(await inRecovery(await inWriteScope(() => reader(person())))).toBe(false);
    expect(await withReader(person(), () => inRecovery(readDb()))).toBe(true);
    expect(await inRecovery(readDb())).toBe(false); // no scope: a background job's read
  });

  it("keeps a writer's reads on the primary until the standby has replayed their write, while others read the standby as it is", async () => {
    await sql(standby.url, "SELECT pg_wal_replay_pause()");
    try {
      const team = `rr-${Date.now().toString(36)}`;
      await sql(primary.url, `INSERT INTO teams (id, slug, name, updated_at) VALUES (gen_random_uuid(), '${team}', 'Replica test', now())`);
      const service = await createService(systemActor(), serviceSchema.parse({ slug: `${team}-api`, name: "Replica API", team }));
      const slugs = async (actor: Actor) => (await listServices(actor, { team })).map((s) => s.slug);

      // Someone who did not write reads the standby, which has not replayed the insert yet.
      const other = { ...person(), userId: "22222222-2222-4222-8222-222222222222" };
      expect(await slugs(other)).toEqual([]);
      // The writer (their write's LSN noted, as route() does after a write) reads the primary.
      const writer = person();
      await noteWrite(writer);
      expect(await slugs(writer)).toEqual([service.slug]);
      expect(await inRecovery(await reader(writer))).toBe(false);
    } finally {
      await sql(standby.url, "SELECT pg_wal_replay_resume()");
    }
    // Once the standby has replayed past the write's LSN, the writer is back on it.
    const [{ lsn }] = (await sql<{ lsn: string }>(primary.url, "SELECT pg_current_wal_lsn()::text AS lsn")) as [{ lsn: string }];
    await until(async () => {
      const [r] = await sql<{ replayed: string }>(standby.url, "SELECT pg_last_wal_replay_lsn()::text AS replayed");
      return parseLsn(r!.replayed) >= parseLsn(lsn);
    }, "the standby to replay the write");
    await until(async () => inRecovery(await reader(person())), "the writer's reads to return to the standby");
  });

  it("over the API: a write through route() keeps that caller's next GET on the primary; another caller's GET reads the standby", async () => {
    const team = `rr-api-${Date.now().toString(36)}`;
    const tokenFor = async (label: string) => {
      const user = await makeUser("admin");
      return (await createToken(systemActor(label), { name: unique(label), scopes: ["admin"], userEmail: user.email })).token;
    };
    const [writer, other] = [await tokenFor("writer"), await tokenFor("other")];
    expect((await callRoute(writer, "POST", "/api/teams", { slug: team, name: "Replica API team" })).status).toBe(201);
    await until(async () => (await callRoute(other, "GET", `/api/teams/${team}`)).status === 200, "the standby to replay the team");
    await sql(standby.url, "SELECT pg_wal_replay_pause()");
    try {
      const created = await callRoute(writer, "POST", "/api/services", { slug: `${team}-svc`, name: "Replica service", team });
      expect(created.status).toBe(201);
      const listed = async (token: string) => ((await callRoute(token, "GET", `/api/services?team=${team}`)).body as { items: { slug: string }[] }).items.map((s) => s.slug);
      expect(await listed(writer)).toEqual([`${team}-svc`]);
      expect(await listed(other)).toEqual([]);
    } finally {
      await sql(standby.url, "SELECT pg_wal_replay_resume()");
    }
  });

  it("skips a standby further behind than EDGEWISE_READ_MAX_LAG_SECONDS, and reports it lagging", async () => {
    await sql(standby.url, "SELECT pg_wal_replay_pause()");
    process.env.EDGEWISE_READ_MAX_LAG_SECONDS = "0";
    try {
      await sql(primary.url, "UPDATE teams SET name = name || '' WHERE slug LIKE 'rr-%'");
      await until(async () => (await replicaReports())[0]?.state === "lagging", "the standby to be reported lagging");
      const [report] = await replicaReports();
      expect(report).toMatchObject({ name: "replica-1", state: "lagging" });
      expect(report!.lagSeconds).toBeGreaterThan(0);
      await until(async () => !(await inRecovery(await reader(person()))), "reads to leave the lagging standby");
    } finally {
      process.env.EDGEWISE_READ_MAX_LAG_SECONDS = "30";
      await sql(standby.url, "SELECT pg_wal_replay_resume()");
    }
    await until(async () => (await replicaReports())[0]?.state === "ok", "the standby to catch up");
  });

  it("reports each replica on /api/health, and falls back to the primary when the standby stops", async () => {
    const up = (await (await health()).json()) as { status: string; replicas: { name: string; state: string; lagSeconds: number | null }[] };
    expect(up).toMatchObject({ status: "ok", db: "ok", replicas: [{ name: "replica-1", state: "ok", lagSeconds: 0 }] });
    expect(JSON.stringify(up)).not.toContain(String(standby.port)); // hosts and ports are not shown

    // A client handed out while the standby was up: its queries land on the primary once it is gone.
    const handedOut = await reader(person());
    expect(await inRecovery(handedOut)).toBe(true);
    await standby.stop();
    expect(await inRecovery(handedOut)).toBe(false); // a raw query, retried on the primary
    expect(await handedOut.team.count()).toBeGreaterThan(0); // a model query likewise
    expect(await inRecovery(await reader(person()))).toBe(false);

    const response = await health();
    expect(response.status).toBe(200); // reads fall back: a replica down is not an outage
    const down = (await response.json()) as { status: string; replicas: { name: string; state: string; lagSeconds: number | null }[] };
    expect(down.status).toBe("ok");
    expect(down.replicas).toEqual([expect.objectContaining({ name: "replica-1", state: "down", lagSeconds: null })]);
  });
});
