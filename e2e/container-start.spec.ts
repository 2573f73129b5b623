// The container image's start, without Docker (which these machines cannot run): the run stage's ENV
// and CMD, read from the Dockerfile itself, started from this checkout's production build against an
// external PostgreSQL (a database of its own in the e2e server's cluster) — it must migrate that
// database, answer ready, and stop cleanly on SIGTERM, with the embedded database never started.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 81;
const base = `http://127.0.0.1:${PORT}`;

/** The last stage's ENV pairs and CMD (exec form) of a Dockerfile. */
function runStage(dockerfile: string): { env: Record<string, string>; cmd: string[] } {
  const lines = dockerfile.replace(/\\\n\s*/g, " ").split("\n");
  const stage = lines.slice(lines.findLastIndex((l) => /^FROM\s/i.test(l)));
  const env: Record<string, string> = {};
  for (const l of stage.filter((l) => /^ENV\s/i.test(l))) for (const [, k, v] of l.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[k!] = v!;
  const cmd = stage.find((l) => /^CMD\s/i.test(l));
  if (!cmd) throw new Error("the Dockerfile's run stage has no CMD");
  return { env, cmd: JSON.parse(cmd.slice(4)) as string[] };
}

/** The e2e server's embedded cluster, as an external PostgreSQL would be given: a URL. */
function clusterUrl(database: string): string {
  const dataDir = process.env.E2E_DATA_DIR!;
  const { port } = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number };
  const { dbPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { dbPassword: string };
  return `postgresql://edgewise:${encodeURIComponent(dbPassword)}@127.0.0.1:${port}/${database}`;
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: clusterUrl("edgewise") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

test("the image's start command migrates an external PostgreSQL, answers ready and stops on SIGTERM", async () => {
  test.setTimeout(180_000);
  const { env, cmd } = runStage(fs.readFileSync("Dockerfile", "utf8"));
  expect(env).toMatchObject({ NODE_ENV: "production", EDGEWISE_SKIP_BUILD: "1" });
  const database = `container_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${database}`);
  const dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "edgewise-container-"));
  let output = "";
  const child = spawn(cmd[0]!, cmd.slice(1), {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env, PORT: String(PORT), DATABASE_URL: clusterUrl(database), NEXTAUTH_SECRET: randomBytes(32).toString("base64"), NEXTAUTH_URL: base, EDGEWISE_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  try {
    await expect
      .poll(async () => (await fetch(`${base}/api/health/ready`).catch(() => null))?.status ?? 0, { timeout: 120_000, message: "the container's server never answered ready (its output is in the failure below)" })
      .toBe(200);
    const ready = (await (await fetch(`${base}/api/health/ready`)).json()) as { checks: { migrations: { detail: string } } };
    const shipped = fs.readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length;
    expect(ready.checks.migrations.detail).toBe(`${shipped} applied`);
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/login`)).status).toBe(200);
    // API requests are logged as JSON lines on stdout, the container's log (the probes are not, being noise).
    expect((await fetch(`${base}/api/teams`, { headers: { "x-request-id": "container-check" } })).status).toBe(401);
    await expect.poll(() => output, { timeout: 5_000 }).toMatch(/"route":"\/api\/teams".*"requestId":"container-check"/);
    // External database: the data directory is not used for an embedded one, and no demo data is seeded.
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(output).not.toContain("Seeded the demo estate");
  } finally {
    child.kill("SIGTERM");
    const code = await Promise.race([exited(child), new Promise<"hung">((r) => setTimeout(() => r("hung"), 30_000))]);
    if (code === "hung") child.kill("SIGKILL");
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(code, output).toBe(0);
  }
});
