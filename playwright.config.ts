// End-to-end tests: one production server (with its own embedded PostgreSQL in a fresh temp
// directory) for the whole run, driven through Debian's Chromium.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { OIDC_E2E } from "./e2e/oidc-client";

const DATA_DIR_PREFIX = "edgewise-e2e-";
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
// Single sign-on is configured against a provider that e2e/oidc.spec.ts starts for itself; next-auth
// reads its discovery document only when a sign-in starts, so other specs never need it running.
const oidcPort = port + OIDC_E2E.portOffset;

/**
 * Removes data directories of earlier runs whose PostgreSQL has stopped (it deletes postmaster.pid
 * on a clean shutdown), so repeated runs don't fill /tmp. Young ones are left alone in case a
 * concurrent run is still starting up.
 */
function pruneOldDataDirs() {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    if (!name.startsWith(DATA_DIR_PREFIX)) continue;
    const dir = path.join(tmp, name);
    try {
      const ageMs = Date.now() - fs.statSync(dir).mtimeMs;
      if (ageMs > 10 * 60_000 && !fs.existsSync(path.join(dir, "pg", "postmaster.pid"))) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run may be removing it at the same moment; not worth failing over.
    }
  }
}

// The config is loaded again in every worker: create the directory once, in the runner, and let the
// workers inherit it through the environment (specs use it to run the CLI against the same database).
function freshDataDir(): string {
  pruneOldDataDirs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DATA_DIR_PREFIX));
  // As root, the server runs PostgreSQL as `postgres`, which must be able to reach the directory.
  fs.chmodSync(dir, 0o755);
  return dir;
}
const dataDir = process.env.E2E_DATA_DIR || freshDataDir();
process.env.E2E_DATA_DIR = dataDir;
process.env.E2E_BASE_URL = baseURL;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    // SIGTERM lets the start script stop Next.js and then its embedded PostgreSQL; SIGKILL would orphan the database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      EDGEWISE_DATA_DIR: dataDir,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Exemplars open their traces here (e2e/exemplars.spec.ts checks the link, never follows it).
      EDGEWISE_TRACE_URL: "https://tracing.example.test/trace/{traceId}",
      OIDC_ISSUER: `http://localhost:${oidcPort}`,
      OIDC_CLIENT_ID: OIDC_E2E.clientId,
      OIDC_CLIENT_SECRET: OIDC_E2E.clientSecret,
      OIDC_NAME: OIDC_E2E.name,
      EDGEWISE_OIDC_SCOPES: "openid email profile groups",
      EDGEWISE_OIDC_TEAMS_CLAIM: OIDC_E2E.teamsClaim,
    },
  },
});
