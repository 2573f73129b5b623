// Debian's real Alertmanager for integration tests: started on a free loopback port with a config and
// storage directory of the test's own (clustering off), read over its v2 API, stopped afterwards.
// Tests skip (saying why) where it is not installed; `npm test` installs it with apt-get when run as root.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./prometheus";

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";

/** Why the real binary can't be used here, or null when it can. */
export function alertmanagerMissing(): string | null {
  return fs.existsSync(ALERTMANAGER_BIN)
    ? null
    : `${ALERTMANAGER_BIN} is not installed (Debian: apt-get install prometheus-alertmanager; npm test does it when run as root)`;
}

/** An alert as GET /api/v2/alerts answers it (the fields the tests read). */
export interface ActiveAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: "active" | "suppressed" | "unprocessed" };
}

export interface RunningAlertmanager {
  url: string;
  /** GET /api/v2/alerts: active alerts by default (`active: false` lists resolved ones too), optionally with label matchers like `alertname="X"`. */
  alerts(filter?: string[], flags?: { active?: boolean }): Promise<ActiveAlert[]>;
  stop(): Promise<void>;
}

// A route to a receiver that notifies nobody: the tests look at the alerts, not at notifications.
const CONFIG = `route:
  receiver: blackhole
  group_wait: 1s
receivers:
  - name: blackhole
`;

export async function startAlertmanager(): Promise<RunningAlertmanager> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-am-"));
  fs.writeFileSync(path.join(dir, "alertmanager.yml"), CONFIG);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    ALERTMANAGER_BIN,
    [
      `--config.file=${path.join(dir, "alertmanager.yml")}`,
      `--storage.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty cluster address turns gossip off: no second port, no peers.
      "--cluster.listen-address=",
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`alertmanager exited with ${child.exitCode}: ${log}`);
    }
    const ready = await fetch(`${url}/-/ready`).then((r) => r.status, () => 0);
    if (ready === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager did not become ready: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async alerts(filter = [], flags = {}) {
      const params = filter.map((f) => `filter=${encodeURIComponent(f)}`);
      if (flags.active === false) params.push("active=false");
      const query = params.join("&");
      const res = await fetch(`${url}/api/v2/alerts${query ? `?${query}` : ""}`);
      if (!res.ok) throw new Error(`GET /api/v2/alerts answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as ActiveAlert[];
    },
    stop,
  };
}
