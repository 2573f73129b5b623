import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { connectOrStart, findRunning, readState, scratchDataDir, startEmbedded } from "./embedded-postgres";

const binDir = process.env.EDGEWISE_PG_BIN_DIR || undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempDataDir(): string {
  const dir = scratchDataDir("edgewise-embedded-");
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("keeps data across a stop and a restart, on a new port each time", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbedded({ dataDir, binDir });
    // Scratch directories keep their cluster inside, so removing them leaves nothing behind.
    expect(first.clusterDir).toBe(path.join(dataDir, "pg"));
    await sql(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    expect((await findRunning(dataDir))?.state.port).toBe(first.port);
    await first.stop();
    expect(readState(dataDir)).toBeNull();
    expect(await findRunning(dataDir)).toBeNull();

    const second = await startEmbedded({ dataDir, binDir });
    cleanups.push(() => second.stop());
    expect(await sql(second.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    expect(fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
  });

  it("shares a server owned by another live process instead of starting a second one", async () => {
    const dataDir = tempDataDir();
    const server = await startEmbedded({ dataDir, binDir });
    cleanups.push(() => server.stop());
    // Pretend the app that owns it is another process (our parent, which is alive).
    const state = readState(dataDir)!;
    fs.writeFileSync(path.join(dataDir, "postgres.json"), JSON.stringify({ ...state, ownerPid: process.ppid }));

    await expect(startEmbedded({ dataDir, binDir })).rejects.toThrow(/already owned by process/);
    const shared = await connectOrStart({ dataDir, binDir });
    expect(shared.owned).toBe(false);
    expect(shared.url).toBe(server.url);
    await shared.stop(); // a non-owner's stop leaves the server running
    expect(await sql(server.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  });

  it("adopts a server whose owner died (e.g. killed with SIGKILL)", async () => {
    const dataDir = tempDataDir();
    const server = await startEmbedded({ dataDir, binDir });
    const state = readState(dataDir)!;
    fs.writeFileSync(path.join(dataDir, "postgres.json"), JSON.stringify({ ...state, ownerPid: 2 ** 22 + 1 }));
    const adopted = await startEmbedded({ dataDir, binDir });
    expect(adopted.port).toBe(server.port);
    expect(readState(dataDir)?.ownerPid).toBe(process.pid);
    await adopted.stop();
    expect(await findRunning(dataDir)).toBeNull();
  });

  it.runIf(process.getuid?.() === 0)("as root, keeps the cluster where the postgres user can reach it", async () => {
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-locked-"));
    cleanups.push(() => fs.rmSync(locked, { recursive: true, force: true }));
    fs.chmodSync(locked, 0o700);
    const dataDir = path.join(locked, "data");
    const server = await startEmbedded({ dataDir, binDir });
    cleanups.push(() => fs.rmSync(server.clusterDir, { recursive: true, force: true }));
    cleanups.push(() => server.stop());
    expect(server.clusterDir.startsWith("/var/lib/edgewise/clusters/")).toBe(true);
    expect(fs.readFileSync(path.join(dataDir, "CLUSTER_LOCATION"), "utf8")).toContain(server.clusterDir);
    expect(await sql(server.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  });

  it.runIf(Boolean(process.env.EDGEWISE_EXPECT_PG_MAJOR))("runs the PostgreSQL major version this run asked for", async () => {
    const server = await startEmbedded({ dataDir: tempDataDir(), binDir });
    cleanups.push(() => server.stop());
    const [row] = await sql(server.url, "SHOW server_version_num");
    expect(String(row?.server_version_num).slice(0, 2)).toBe(process.env.EDGEWISE_EXPECT_PG_MAJOR);
  });
});
