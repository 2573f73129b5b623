// Debian's real Prometheus for integration tests: started on a free loopback port with a config of the
// test's own, queried over its HTTP API, stopped afterwards. Tests skip (saying why) where it is not
// installed; `npm test` installs it with apt-get when it runs as root.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? "/usr/bin/promtool";

/** Why the real binaries can't be used here, or null when they can. */
export function prometheusMissing(): string | null {
  for (const bin of [PROMETHEUS_BIN, PROMTOOL_BIN]) {
    if (!fs.existsSync(bin)) return `${bin} is not installed (Debian: apt-get install prometheus; npm test does it when run as root)`;
  }
  return null;
}

/** Runs promtool with `args` (and `input` on stdin); its exit code and everything it printed. */
export function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync(PROMTOOL_BIN, args, { input, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `promtool check rules` on rule-file text (written to a temporary file: promtool cannot read a socket as /dev/stdin). */
export function checkRules(text: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-rules-"));
  try {
    fs.writeFileSync(path.join(dir, "rules.yaml"), text);
    return promtool(["check", "rules", path.join(dir, "rules.yaml")]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningPrometheus {
  url: string;
  /** The instant-query API's result vector for `query`. */
  query(query: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Polls `query` until `accept` takes its result (or the deadline passes: then the last result is returned). */
  waitFor<T>(query: string, accept: (result: { metric: Record<string, string>; value: [number, string] }[]) => T | undefined, timeoutMs?: number): Promise<T | undefined>;
  stop(): Promise<void>;
}

/** Starts Prometheus with the given YAML config (and extra files beside it, e.g. rule files). */
export async function startPrometheus(config: string, files: Record<string, string> = {}): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-prom-"));
  fs.writeFileSync(path.join(dir, "prometheus.yml"), config);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [`--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const get = (pathAndQuery: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http.get(`${url}${pathAndQuery}`, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      }).on("error", reject);
    });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${log}`);
    const ready = await get("/-/ready").catch(() => null);
    if (ready?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`prometheus did not become ready: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const query: RunningPrometheus["query"] = async (q) => {
    const res = await get(`/api/v1/query?query=${encodeURIComponent(q)}`);
    const body = JSON.parse(res.body) as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    if (body.status !== "success") throw new Error(`query ${q} failed: ${body.error}`);
    return body.data?.result ?? [];
  };
  return {
    url,
    query,
    async waitFor(q, accept, timeoutMs = 45_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const accepted = accept(await query(q));
        if (accepted !== undefined || Date.now() > until) return accepted;
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loopback HTTP server for a scrape target or a bridge to a route handler; closed with `close()`. */
export async function serve(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
