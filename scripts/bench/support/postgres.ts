// Stopping and restarting an embedded PostgreSQL under a running app (the database-outage fault), and
// finding what is left of a cluster's processes (the graceful-shutdown fault).
import { spawn } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

export interface Postmaster {
  pid: number;
  argv: string[];
  uid: number;
  gid: number;
}

/** The running postmaster's exact command line and user, so it can be started again as it was. */
export function postmaster(pid: number): Postmaster {
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0$/, "").split("\0"); // empty arguments (-k "") matter
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
  const gid = Number(/^Gid:\s+(\d+)/m.exec(status)![1]);
  return { pid, argv, uid, gid };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** PostgreSQL's fast shutdown (SIGINT): open transactions roll back, a checkpoint, exit. */
export async function stopPostmaster(pid: number): Promise<void> {
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop in 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the same postmaster again (same binary, cluster, port and user); resolves once it accepts connections. */
export async function restartPostmaster(was: Postmaster, url: string, logFile: string): Promise<number> {
  const out = fs.openSync(logFile, "a");
  const child = spawn(was.argv[0]!, was.argv.slice(1), { detached: true, stdio: ["ignore", out, out], uid: was.uid, gid: was.gid, env: { ...process.env, LC_ALL: "C" } });
  fs.closeSync(out);
  child.unref();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    const ok = await client.connect().then(
      () => true,
      () => false,
    );
    await client.end().catch(() => undefined);
    if (ok) return child.pid!;
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not come back (see ${logFile})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** PostgreSQL processes (postmaster and its children) working in a cluster directory. */
export function clusterProcesses(clusterDir: string): number[] {
  const dir = fs.realpathSync(clusterDir);
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) === dir && fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("postgres")) found.push(Number(entry));
    } catch {
      /* gone or not ours to read */
    }
  }
  return found;
}
