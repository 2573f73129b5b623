// The production server for benchmarks and fault scripts: started on a loopback port against a given
// database (or owning an embedded one), ready when /api/health answers, stopped gracefully or killed.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface BenchServerOptions {
  /** Reuse a port (a restarted server takes its predecessor's address). */
  port?: number;
  /** Keep the same secret across restarts so sessions stay valid. */
  secret?: string;
  /** No DATABASE_URL: the launcher starts and owns the embedded PostgreSQL of this data directory. */
  dataDir?: string;
  /** Append the server's output here (default: discarded). */
  logFile?: string;
}

export interface BenchServer {
  base: string;
  port: number;
  /** The launcher (scripts/start.ts); `next start` is its child. */
  pid: number;
  secret: string;
  /** Resolves with the launcher's exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM to the launcher (it stops the app, then any database it owns) and wait for it to exit. */
  stop(): Promise<number | null>;
  /** SIGKILL the launcher and the app together (its process group): a crash, no cleanup at all. */
  crash(): Promise<void>;
}

export async function startBenchServer(databaseUrl: string | null, options: BenchServerOptions = {}): Promise<BenchServer> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const secret = options.secret ?? randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = { ...process.env, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, PORT: String(port), EDGEWISE_SKIP_BUILD: "1" };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else {
    delete env.DATABASE_URL;
    env.EDGEWISE_DATA_DIR = options.dataDir;
  }
  const out = options.logFile ? fs.openSync(options.logFile, "a") : "ignore";
  // Its own process group, so that a crash can take the launcher and `next start` down at once.
  const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", out, out], detached: true });
  if (typeof out === "number") fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const started = Date.now();
  while (!(await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) {
    if (!running || Date.now() - started > 120_000) {
      if (running) process.kill(-server.pid!, "SIGKILL");
      throw new Error(`The server did not become ready on ${base}${options.logFile ? ` (see ${options.logFile})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    port,
    pid: server.pid!,
    secret,
    exited,
    stop: async () => {
      if (running) server.kill("SIGTERM");
      return exited;
    },
    crash: async () => {
      if (running) process.kill(-server.pid!, "SIGKILL");
      await exited;
    },
  };
}

function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    tree.push(...spawnSync("pgrep", ["-P", String(tree[i])], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number));
  }
  return tree;
}

/** CPU seconds used so far by a process tree, including its reaped children (e.g. PostgreSQL's backends). */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]); // utime stime cutime cstime
    } catch {
      /* exited */
    }
  }
  return ticks / 100; // USER_HZ
}

/** Nanoseconds a process tree's threads spent running and waiting for a CPU (runnable, not scheduled). */
export function schedNs(pid: number): { runNs: number; waitNs: number } {
  let runNs = 0;
  let waitNs = 0;
  for (const p of processTree(pid)) {
    try {
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const [run, wait] = fs.readFileSync(`/proc/${p}/task/${task}/schedstat`, "utf8").split(" ").map(Number);
        runNs += run ?? 0;
        waitNs += wait ?? 0;
      }
    } catch {
      /* exited */
    }
  }
  return { runNs, waitNs };
}

/** The largest memory high-water mark (VmHWM) in a process tree: the launcher and `next start` below it. */
export function peakRssMb(pid: number): number {
  const tree = processTree(pid);
  let peak = 0;
  for (const p of tree) {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      /* exited */
    }
  }
  return Math.round(peak);
}
