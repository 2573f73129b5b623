// A database outage at the level the server sees it: the same Prisma client (adapter-pg pool) fails
// with errors that map to 503 + Retry-After while PostgreSQL is stopped, and serves again once it is
// back — no new client, no restart. Its own throwaway PostgreSQL, so the shared one stays up.
import fs from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readState, scratchDataDir, startEmbedded, type EmbeddedServer } from "@/lib/db/embedded-postgres";
import { mapError } from "@/lib/errors";
import { postmaster, restartPostmaster, stopPostmaster } from "@/scripts/bench/support/postgres";

let dataDir: string;
let server: EmbeddedServer;
let restarted: number | undefined;
let client: PrismaClient;

beforeAll(async () => {
  dataDir = scratchDataDir("edgewise-outage-test-");
  server = await startEmbedded({ dataDir });
  client = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url, max: 4, connectionTimeoutMillis: 5000 }) });
}, 60_000);

afterAll(async () => {
  await client?.$disconnect();
  if (restarted) await stopPostmaster(restarted);
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function failure(): Promise<unknown> {
  try {
    await client.$queryRaw`SELECT 1`;
    return null;
  } catch (err) {
    return err;
  }
}

describe("database outage", () => {
  it("maps to 503 with Retry-After while PostgreSQL is down, and the same client recovers when it is back", async () => {
    expect(await failure()).toBeNull(); // the pool holds a live connection now

    const was = postmaster(readState(dataDir)!.pid);
    await stopPostmaster(was.pid);
    const errors = [await failure(), await failure()]; // a dead pooled connection, then a refused new one
    for (const err of errors) {
      expect(err).not.toBeNull();
      expect(mapError(err)).toMatchObject({ status: 503, headers: { "Retry-After": "5" }, body: { error: { code: "unavailable" } } });
    }

    restarted = await restartPostmaster(was, server.url, `${dataDir}/postgres.log`);
    let recovered: unknown = "not tried";
    for (let i = 0; i < 20 && recovered !== null; i++) recovered = await failure(); // a stale pooled connection may fail once more
    expect(recovered).toBeNull();
    expect(await client.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  }, 90_000);
});
