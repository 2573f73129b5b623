// Read replicas: PostgreSQL streaming standbys named by DATABASE_READ_URL (comma-separated).
//
// `reader(actor)` is the client a person's read goes through: a replica that is up, within
// EDGEWISE_READ_MAX_LAG_SECONDS and — after that person wrote — replayed past their write's LSN;
// otherwise the primary. Writes, ingestion, roll-ups, background jobs (the system actor) and every
// read made while handling a write request use the primary (`db()`). A read that fails because the
// replica went away is retried once on the primary, so a standby stopping costs no request.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { envSchema } from "@/lib/env";
import { isDatabaseDown } from "@/lib/errors";
import { db } from "./client";
import { withTimeout } from "./health";
import { eligibleReplicas, healthOf, parseLsn, WrittenAt, type ReplicaHealth, type ReplicaProbe } from "./read-routing";

const PROBE_FRESH_MS = 1000;
const PROBE_TIMEOUT_MS = 1000;

interface Replica {
  name: string;
  url: string;
  client?: PrismaClient;
  /** The client readers get: the replica's, falling back to the primary when it turns out unreachable. */
  reading?: PrismaClient;
  probe?: ReplicaProbe & { at: number };
  probing?: Promise<ReplicaProbe & { at: number }>;
}

interface Replicas {
  source: string;
  list: Replica[];
  next: number;
}

const state = globalThis as unknown as { edgewiseReplicas?: Replicas; edgewiseWrittenAt?: WrittenAt };
/** The client the reads of the work under way go to: set by withReader (a person's reads) and inWriteScope (the primary). */
const scope = new AsyncLocalStorage<PrismaClient>();

const settings = () => ({
  maxLagSeconds: envSchema.shape.EDGEWISE_READ_MAX_LAG_SECONDS.parse(process.env.EDGEWISE_READ_MAX_LAG_SECONDS),
  keepSeconds: envSchema.shape.EDGEWISE_READ_YOUR_WRITES_SECONDS.parse(process.env.EDGEWISE_READ_YOUR_WRITES_SECONDS),
});

function writtenAt(): WrittenAt {
  state.edgewiseWrittenAt ??= new WrittenAt(() => settings().keepSeconds * 1000);
  return state.edgewiseWrittenAt;
}

/** The configured replicas; re-read when DATABASE_READ_URL changes (tests point it at new standbys). */
function replicas(): Replica[] {
  // Called on every read request: the variable is parsed only when it differs from the last one seen.
  const source = process.env.DATABASE_READ_URL ?? "";
  if (state.edgewiseReplicas?.source !== source) {
    envSchema.shape.DATABASE_READ_URL.parse(source);
    void disconnectReplicas();
    const urls = source
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean);
    state.edgewiseReplicas = { source, list: urls.map((url, i) => ({ name: `replica-${i + 1}`, url })), next: 0 };
  }
  return state.edgewiseReplicas.list;
}

function clientOf(replica: Replica): PrismaClient {
  replica.client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: replica.url, max: 10, connectionTimeoutMillis: PROBE_TIMEOUT_MS * 2 }) });
  return replica.client;
}

interface ProbeRow {
  standby: boolean;
  replayed: string | null;
  caught_up: boolean;
  since_replay: number | null;
}

async function probeNow(replica: Replica): Promise<ReplicaProbe & { at: number }> {
  const rows = await withTimeout(
    clientOf(replica).$queryRaw<ProbeRow[]>`
      SELECT pg_is_in_recovery() AS standby,
             pg_last_wal_replay_lsn()::text AS replayed,
             (pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn()) AS caught_up,
             EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay`,
    PROBE_TIMEOUT_MS,
  );
  const at = Date.now();
  const row = rows?.[0];
  if (!row) return { up: false, standby: false, replayed: null, lagSeconds: null, detail: "did not answer within 1 s", at };
  if (!row.standby) return { up: true, standby: false, replayed: null, lagSeconds: null, detail: "not a standby (pg_is_in_recovery() is false)", at };
  const lagSeconds = row.caught_up ? 0 : row.since_replay === null ? null : Math.max(0, row.since_replay);
  return { up: true, standby: true, replayed: row.replayed ? parseLsn(row.replayed) : null, lagSeconds, at };
}

/** The replica's state, probed at most once a second (concurrent readers share one probe). */
async function probe(replica: Replica, fresh = false): Promise<ReplicaProbe> {
  if (!fresh && replica.probe && Date.now() - replica.probe.at < PROBE_FRESH_MS) return replica.probe;
  replica.probing ??= probeNow(replica).finally(() => (replica.probing = undefined));
  replica.probe = await replica.probing;
  return replica.probe;
}

function markDown(replica: Replica, err: unknown) {
  replica.probe = { up: false, standby: false, replayed: null, lagSeconds: null, detail: err instanceof Error ? err.message.split("\n")[0] : String(err), at: Date.now() };
}

/** A replica's client that, when the replica fails as unreachable, marks it down and runs the query on the primary. */
function withFallback(replica: Replica): PrismaClient {
  return clientOf(replica).$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        try {
          return await query(args);
        } catch (err) {
          if (!isDatabaseDown(err)) throw err;
          markDown(replica, err);
          const primary = db() as unknown as Record<string, (a: unknown) => Promise<unknown>> & Record<string, Record<string, (a: unknown) => Promise<unknown>>>;
          if (model) return primary[model.charAt(0).toLowerCase() + model.slice(1)]![operation]!(args);
          if (operation === "$queryRaw" || operation === "$queryRawUnsafe") {
            // Raw queries arrive as the SQL text and its values, whichever way they were written.
            const { strings, values } = rawArgs(args);
            return db().$queryRawUnsafe(strings, ...values);
          }
          throw err;
        }
      },
    },
  }) as unknown as PrismaClient;
}

function rawArgs(args: unknown): { strings: string; values: unknown[] } {
  const [first, ...rest] = (Array.isArray(args) ? args : [args]) as [unknown, ...unknown[]];
  if (typeof first === "string") return { strings: first, values: rest };
  // A template literal arrives as Prisma's Sql object, whose `text` has $1… placeholders.
  const sql = first as { text?: unknown; values?: unknown[] } | null;
  if (sql && typeof sql.text === "string") return { strings: sql.text, values: sql.values ?? [] };
  throw new Error("Unrecognised raw query arguments");
}

/** Runs a write request's handler so that every read inside it goes to the primary. */
export function inWriteScope<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(db(), work);
}

/** Whether any replica is configured (writes then note their LSN for read-your-writes). */
export function replicasConfigured(): boolean {
  return replicas().length > 0;
}

/**
 * The client for a read-only query: the one withReader chose for the work under way, else the
 * primary (background jobs, scripts, writes). Use it only for queries that write nothing.
 */
export function readDb(): PrismaClient {
  return scope.getStore() ?? db();
}

/** Runs `work` with readDb() answering from the replica chosen for `actor` (kept when a scope is already set). */
export async function withReader<T>(actor: Actor | null | undefined, work: () => Promise<T>): Promise<T> {
  if (scope.getStore()) return work();
  const client = await reader(actor);
  return client === db() ? work() : scope.run(client, work);
}

/** The client for `actor`'s reads: a healthy replica that has replayed their last write, else the primary. */
export async function reader(actor: Actor | null | undefined): Promise<PrismaClient> {
  const list = replicas();
  if (list.length === 0 || !actor || actor.via === "system") return db();
  const current = scope.getStore();
  if (current) return current;
  const { maxLagSeconds } = settings();
  const probes = await Promise.all(list.map((r) => probe(r)));
  const eligible = eligibleReplicas(probes, maxLagSeconds, writtenAt().lsnOf(actor.userId));
  if (eligible.length === 0) return db();
  const holder = state.edgewiseReplicas!;
  const chosen = list[eligible[holder.next++ % eligible.length]!]!;
  chosen.reading ??= withFallback(chosen);
  return chosen.reading;
}

/** After a person's write commits: remember its LSN, so their next reads wait for a replica to replay it. */
export async function noteWrite(actor: Actor | null | undefined): Promise<void> {
  if (!actor || actor.via === "system" || !replicasConfigured()) return;
  const [row] = await db().$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
  if (row) writtenAt().note(actor.userId, parseLsn(row.lsn));
}

export interface ReplicaReport {
  name: string;
  state: ReplicaHealth;
  lagSeconds: number | null;
  detail?: string;
}

/** Each replica's state for /api/health (named replica-1…, never by host). */
export async function replicaReports(): Promise<ReplicaReport[]> {
  const list = replicas();
  const { maxLagSeconds } = settings();
  return Promise.all(
    list.map(async (replica) => {
      const p = await probe(replica, true);
      const report: ReplicaReport = { name: replica.name, state: healthOf(p, maxLagSeconds), lagSeconds: p.lagSeconds === null ? null : Math.round(p.lagSeconds * 1000) / 1000 };
      if (p.detail) report.detail = p.detail;
      return report;
    }),
  );
}

/** Forgets probes and remembered writes (tests), and closes the replicas' connections. */
export async function disconnectReplicas(): Promise<void> {
  const list = state.edgewiseReplicas?.list ?? [];
  state.edgewiseReplicas = undefined;
  state.edgewiseWrittenAt?.clear();
  await Promise.all(list.map((r) => r.client?.$disconnect()));
}
