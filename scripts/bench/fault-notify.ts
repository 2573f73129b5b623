// `npm run bench -- fault-notify`: two production servers on one PostgreSQL deliver notifications to a
// flaky webhook receiver (a share of answers are 500) while server A is SIGKILLed and restarted
// several times. 500 events are written to the outbox as the app writes them (recordEvents, in a
// transaction); the receiver deduplicates by Idempotency-Key. Prints events fired, delivered, dead
// letters, duplicates seen by the receiver (allowed only after a kill), lost (must be 0: every event
// reaches the receiver or is a visible dead letter) and p50/p99 fire → first delivery.
import pg from "pg";
import { startBenchServer, type BenchServer } from "./server";
import { faultRun, verdict } from "./support/fault";
import { startReceiver } from "../test/receiver";

const EVENTS = Number(process.env.FAULT_EVENTS ?? 500);
const FAIL_SHARE = Number(process.env.FAULT_FAIL_SHARE ?? 0.3);
const KILLS = Number(process.env.FAULT_KILLS ?? 3);
const SETTLE_MS = 240_000;

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function run() {
  // Short backoff and a quick relay so the run takes minutes, not the production hour.
  Object.assign(process.env, {
    EDGEWISE_NOTIFY_BACKOFF_BASE_MS: "200",
    EDGEWISE_NOTIFY_BACKOFF_CAP_MS: "2000",
    EDGEWISE_NOTIFY_TIMEOUT_MS: "2000",
    EDGEWISE_NOTIFY_POLL_MS: "200",
    EDGEWISE_NOTIFY_BREAKER_FAILURES: "1000",
  });
  return faultRun("fault-notify", async ({ estate, logFile, cleanup }) => {
    // The receiver: fails a share of first answers, applies each event once, records when.
    const applied = new Map<string, number>();
    let duplicates = 0;
    let killedOnce = false;
    let duplicatesBeforeAnyKill = 0;
    let seed = 7;
    const flaky = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) < FAIL_SHARE;
    const receiver = await startReceiver((req, res) => {
      const key = String(req.headers["idempotency-key"] ?? "");
      if (flaky()) {
        res.writeHead(500).end("flaky");
        return;
      }
      if (applied.has(key)) {
        duplicates++;
        if (!killedOnce) duplicatesBeforeAnyKill++;
      } else applied.set(key, Date.now());
      res.writeHead(200).end("ok");
    });
    cleanup(() => receiver.close());

    let a: BenchServer = await startBenchServer(estate.database.url, { logFile });
    const secret = a.secret;
    cleanup(() => a.stop());
    const b = await startBenchServer(estate.database.url, { logFile, secret });
    cleanup(() => b.stop());

    const admin = await estate.token(["catalog:write"], "admin@edgewise.local");
    const headers = { authorization: `Bearer ${admin}`, "content-type": "application/json" };
    const channel = (await (await fetch(`${a.base}/api/notifications/channels`, { method: "POST", headers, body: JSON.stringify({ name: "fault receiver", kind: "webhook", url: receiver.url }) })).json()) as { id: string };
    const rule = await fetch(`${a.base}/api/notifications/rules`, { method: "POST", headers, body: JSON.stringify({ name: "fault rule", events: ["drift.detected"], filters: {}, channelId: channel.id, muted: false }) });
    if (!rule.ok) throw new Error(`rule: ${rule.status} ${await rule.text()}`);

    // Fire the events in batches over ~10 s, as state changes would, while A is killed and restarted.
    const { db } = await import("../../lib/db/client");
    const { recordEvents } = await import("../../lib/notifications/outbox");
    const fired = new Map<string, number>();
    const firing = (async () => {
      for (let i = 0; i < EVENTS; i += 25) {
        const now = Date.now();
        const events = Array.from({ length: Math.min(25, EVENTS - i) }, (_, j) => ({
          id: `fault-notify:${now}:${i + j}`,
          type: "drift.detected" as const,
          state: null,
          severity: "warning" as const,
          occurredAt: new Date(now).toISOString(),
          summary: `Fault event ${i + j}`,
          link: `${a.base}/drift`,
          integration: null,
          team: null,
          decision: null,
          data: { n: i + j },
        }));
        await db().$transaction((tx) => recordEvents(tx, events));
        for (const e of events) fired.set(e.id, now);
        await sleep(500);
      }
    })();
    for (let k = 0; k < KILLS; k++) {
      await sleep(3000);
      killedOnce = true;
      await a.crash();
      a = await startBenchServer(estate.database.url, { logFile, secret, port: a.port });
    }
    await firing;

    // Wait until every delivery is settled (delivered or dead).
    const client = new pg.Client({ connectionString: estate.database.url });
    await client.connect();
    cleanup(() => client.end());
    const states = async () =>
      Object.fromEntries((await client.query<{ state: string; n: string }>("SELECT state, count(*) AS n FROM notification_deliveries GROUP BY state")).rows.map((r) => [r.state, Number(r.n)]));
    const started = Date.now();
    let settled = await states();
    while ((settled.delivered ?? 0) + (settled.dead ?? 0) < fired.size && Date.now() - started < SETTLE_MS) {
      await sleep(1000);
      settled = await states();
    }
    const dead = new Set(
      (await client.query<{ event_id: string }>("SELECT event_id FROM notification_deliveries WHERE state = 'dead'")).rows.map((r) => r.event_id),
    );
    const lost = [...fired.keys()].filter((id) => !applied.has(id) && !dead.has(id));
    const delays = [...fired].filter(([id]) => applied.has(id)).map(([id, at]) => applied.get(id)! - at).sort((x, y) => x - y);
    const violations: string[] = [];
    if (lost.length) violations.push(`${lost.length} event(s) neither delivered nor dead`);
    if (duplicatesBeforeAnyKill) violations.push(`${duplicatesBeforeAnyKill} duplicate(s) before any kill: two servers delivered one event`);
    const figures = {
      events: fired.size,
      kills: KILLS,
      failShare: FAIL_SHARE,
      delivered: applied.size,
      deadLetters: dead.size,
      duplicatesSeen: duplicates,
      lost: lost.length,
      deliveryStates: settled,
      fireToDeliveryMs: { p50: quantile(delays, 0.5), p99: quantile(delays, 0.99), max: delays.at(-1) ?? NaN },
      violations,
    };
    console.log(`fired ${figures.events} · delivered ${figures.delivered} · dead letters ${figures.deadLetters} · duplicates seen ${duplicates} · lost ${lost.length}`);
    console.log(`fire → delivery: p50 ${figures.fireToDeliveryMs.p50} ms, p99 ${figures.fireToDeliveryMs.p99} ms (server A SIGKILLed ${KILLS}×, ${Math.round(FAIL_SHARE * 100)} % of answers 500)`);
    verdict(violations, "every event delivered or dead-lettered; duplicates only after kills");
    return figures;
  });
}
