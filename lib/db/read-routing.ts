// Which database a read goes to (pure policy; lib/db/replicas.ts does the probing and connecting).
// A replica serves a read when it is up, a standby, no further behind than the allowed lag and —
// for someone who just wrote — has replayed past the LSN their write committed at.

/** A PostgreSQL LSN ("16/B374D848": two 32-bit hex halves) as one comparable number. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text.trim());
  if (!match) throw new Error(`Not a PostgreSQL LSN: ${JSON.stringify(text)}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export interface ReplicaProbe {
  /** Reached and answered the probe. */
  up: boolean;
  /** pg_is_in_recovery(): a primary named as a replica is never read from (its data is not this primary's). */
  standby: boolean;
  /** pg_last_wal_replay_lsn(). */
  replayed: bigint | null;
  /** 0 when everything received is replayed, else seconds since the last replayed transaction; null when unknown. */
  lagSeconds: number | null;
  detail?: string;
}

export type ReplicaHealth = "ok" | "lagging" | "down";

export function healthOf(probe: ReplicaProbe, maxLagSeconds: number): ReplicaHealth {
  if (!probe.up || !probe.standby) return "down";
  if (probe.lagSeconds === null || probe.lagSeconds > maxLagSeconds) return "lagging";
  return "ok";
}

/**
 * The replicas (by index) that may serve a read: healthy, and replayed at least to `writtenLsn`
 * when the reader wrote recently. Empty means the primary.
 */
export function eligibleReplicas(probes: readonly ReplicaProbe[], maxLagSeconds: number, writtenLsn: bigint | null): number[] {
  const eligible: number[] = [];
  probes.forEach((probe, i) => {
    if (healthOf(probe, maxLagSeconds) !== "ok") return;
    if (writtenLsn !== null && (probe.replayed === null || probe.replayed < writtenLsn)) return;
    eligible.push(i);
  });
  return eligible;
}

/** The LSNs people wrote at, remembered for a bounded time (after it, their reads may go to a replica again). */
export class WrittenAt {
  private readonly entries = new Map<string, { lsn: bigint; until: number }>();

  constructor(private readonly keepMs: () => number, private readonly maxEntries = 100_000) {}

  note(who: string, lsn: bigint, now = Date.now()): void {
    const previous = this.entries.get(who);
    this.entries.delete(who); // re-inserted last: the map's order is then oldest write first
    this.entries.set(who, { lsn: previous && previous.lsn > lsn ? previous.lsn : lsn, until: now + this.keepMs() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The LSN `who` last wrote at, while it is still remembered. */
  lsnOf(who: string, now = Date.now()): bigint | null {
    const entry = this.entries.get(who);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(who);
      return null;
    }
    return entry.lsn;
  }

  clear(): void {
    this.entries.clear();
  }
}
