// Durable delivery against real HTTP receivers on loopback: retries, timeouts, permanent refusals,
// dropped connections, backoff, the breaker, dead letters and replay, the signature, and a receiver
// deduplicating by Idempotency-Key behind two queue workers. Small timeouts and backoff via config.
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { actorFor } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { answer, startReceiver, type Receiver, type ReceiverHandler } from "@/scripts/test/receiver";
import { createChannel, createRule } from "./channels";
import { attemptDelivery, deliveryConfig, type DeliveryConfig } from "./delivery";
import { listDeliveries, replayDeadLetters, replayDelivery } from "./deliveries";
import { recordEvents } from "./outbox";
import { startNotificationWorker, type NotificationWorker } from "./queue";
import { sampleEvent } from "./senders/sample-events";
import type { NotificationEvent } from "./types";

useOwnDatabase("notify");

let admin: Actor;
beforeAll(async () => {
  admin = await actorFor("admin");
});

const receivers: Receiver[] = [];
const workers: NotificationWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  for (const r of receivers.splice(0)) await r.close();
  // A test's unfinished deliveries (their receiver is gone) must not occupy the next test's workers.
  await db().$executeRaw`UPDATE notification_deliveries SET state = 'dead' WHERE state IN ('pending', 'waiting')`;
});
afterAll(async () => {
  for (const w of workers.splice(0)) await w.stop();
});

async function receiver(handler: ReceiverHandler) {
  const r = await startReceiver(handler);
  receivers.push(r);
  return r;
}

const config = (over: Partial<DeliveryConfig> = {}) =>
  deliveryConfig({ timeoutMs: 300, retry: { maxAttempts: 4, baseMs: 20, capMs: 200 }, breaker: { failureThreshold: 5, openMs: 60_000 }, random: () => 0.5, ...over });

/** A webhook channel with a rule for one integration's slo.alert events, and an emitter of fresh events for it. */
async function channel(url: string) {
  const c = await createChannel(admin, { name: `ch-${randomUUID().slice(0, 8)}`, kind: "webhook", url: `${url}/hook` });
  const integration = `a->b:${c.id}`;
  await createRule(admin, { name: "its alerts", events: ["slo.alert"], filters: { integrations: [integration] }, channelId: c.id, muted: false });
  return { ...c, integration };
}
async function emit(c: { integration: string }, over: Partial<NotificationEvent> = {}): Promise<NotificationEvent> {
  const event = sampleEvent({ id: `slo.alert:test:${randomUUID()}:firing`, integration: c.integration, ...over });
  await db().$transaction((tx) => recordEvents(tx, [event]));
  return event;
}
async function delivery(eventId: string, channelId: string) {
  return db().notificationDelivery.findUniqueOrThrow({ where: { eventId_channelId: { eventId, channelId } }, include: { attemptRows: { orderBy: { at: "asc" } } } });
}
/** Makes a waiting delivery due now, instead of sleeping through its backoff. */
const due = (id: string) => db().$executeRaw`UPDATE notification_deliveries SET next_attempt_at = now() - interval '1 millisecond' WHERE id = ${id}::uuid`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (ok(v)) return v;
    await sleep(100);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe("one delivery attempt at a time", () => {
  it("500 then 200: retried, then delivered; both attempts logged; the signature verifies with node:crypto", async () => {
    let calls = 0;
    const r = await receiver((_req, res) => answer(++calls === 1 ? 500 : 200)(_req, res, ""));
    const c = await channel(r.url);
    const event = await emit(c);
    const d = await delivery(event.id, c.id);
    expect(d.state).toBe("pending");

    const slow = config({ retry: { maxAttempts: 4, baseMs: 60_000, capMs: 60_000 } });
    const first = await attemptDelivery(d.id, slow);
    expect(first.result).toBe("retry");
    expect(await delivery(event.id, c.id)).toMatchObject({ state: "waiting", attempts: 1, lastError: expect.stringContaining("500") });
    // Not due yet: a second job for it does nothing.
    expect((await attemptDelivery(d.id, slow)).result).toBe("skipped");
    await due(d.id);
    expect((await attemptDelivery(d.id, slow)).result).toBe("delivered");

    const done = await delivery(event.id, c.id);
    expect(done).toMatchObject({ state: "delivered", attempts: 2 });
    expect(done.attemptRows.map((a) => [a.ok, a.status])).toEqual([[false, 500], [true, 200]]);
    expect(r.arrivals).toHaveLength(2);
    for (const a of r.arrivals) {
      expect(a.headers["idempotency-key"]).toBe(event.id);
      expect(a.headers["x-edgewise-signature"]).toBe(`sha256=${createHmac("sha256", c.secret!).update(a.body).digest("hex")}`);
      expect(JSON.parse(a.body)).toMatchObject({ id: event.id, type: "slo.alert", state: "firing" });
    }
    const channelRow = await db().notificationChannel.findUniqueOrThrow({ where: { id: c.id } });
    expect(channelRow).toMatchObject({ breakerState: "closed", consecutiveFailures: 0 });
    expect(channelRow.lastSuccessAt).not.toBeNull();
    // An event recorded again (a re-run) is not queued again.
    await db().$transaction((tx) => recordEvents(tx, [event]));
    expect(await db().notificationDelivery.count({ where: { eventId: event.id } })).toBe(1);
    // The rule's filter: another integration's event, or another event type, is not delivered here.
    const other = await emit(c, { integration: "x->y:z" });
    const finding = await emit(c, { id: `finding.opened:${randomUUID()}`, type: "finding.opened" });
    expect(await db().notificationDelivery.count({ where: { eventId: { in: [other.id, finding.id] } } })).toBe(0);
  });

  it("a receiver that hangs past the timeout: the attempt times out and is retried", async () => {
    const r = await receiver(() => undefined); // never answers
    const c = await channel(r.url);
    const event = await emit(c);
    const d = await delivery(event.id, c.id);
    const result = await attemptDelivery(d.id, config({ timeoutMs: 200 }));
    expect(result.result).toBe("retry");
    const after = await delivery(event.id, c.id);
    expect(after.attemptRows).toHaveLength(1);
    expect(after.attemptRows[0]).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/timed out/) });
    expect(after.state).toBe("waiting");
  });

  it("a connection closed without an answer is retried", async () => {
    const r = await receiver((req) => void req.socket.destroy());
    const c = await channel(r.url);
    const d = await delivery((await emit(c)).id, c.id);
    expect((await attemptDelivery(d.id, config())).result).toBe("retry");
    const [attempt] = (await delivery(d.eventId, c.id)).attemptRows;
    expect(attempt).toMatchObject({ ok: false, status: null });
    expect(attempt!.error).toBeTruthy();
  });

  it("410 is not retried: the delivery is a dead letter at once; replay through the queue delivers it", async () => {
    let gone = true;
    const r = await receiver((req, res) => answer(gone ? 410 : 200)(req, res, ""));
    const c = await channel(r.url);
    const d = await delivery((await emit(c)).id, c.id);
    expect((await attemptDelivery(d.id, config())).result).toBe("dead");
    expect(await delivery(d.eventId, c.id)).toMatchObject({ state: "dead", attempts: 1, lastError: expect.stringMatching(/^HTTP 410(?!.*HTTP 410)/) });
    expect((await listDeliveries(admin, { channel: c.id, state: "dead", limit: 50 })).items.map((i) => i.id)).toEqual([d.id]);
    // Only dead letters are replayed.
    await expect(replayDelivery(admin, randomUUID())).rejects.toMatchObject({ code: "not_found" });

    gone = false;
    workers.push(await startNotificationWorker({ config: config(), pollMs: 100, concurrency: 1 }));
    expect(await replayDelivery(admin, d.id)).toEqual({ id: d.id, state: "pending" });
    await expect(replayDelivery(admin, d.id)).rejects.toMatchObject({ code: "conflict" });
    const done = await until(() => delivery(d.eventId, c.id), (x) => x.state === "delivered", "the replayed delivery");
    expect(done.attemptRows.map((a) => a.status)).toEqual([410, 200]);
  });

  it("backoff: each wait is longer than the last, and the last failure is a dead letter", async () => {
    const r = await receiver(answer(503));
    const c = await channel(r.url);
    const d = await delivery((await emit(c)).id, c.id);
    const cfg = config({ retry: { maxAttempts: 4, baseMs: 1000, capMs: 100_000 } });
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await attemptDelivery(d.id, cfg);
      expect(result.result).toBe("retry");
      const row = await delivery(d.eventId, c.id);
      gaps.push(row.nextAttemptAt.getTime() - row.attemptRows.at(-1)!.at.getTime());
      await due(d.id);
    }
    // random 0.5 of ceilings 1 s, 2 s, 4 s: at least 500, 1000 and 2000 ms after the attempt began.
    expect(gaps[0]).toBeGreaterThanOrEqual(500);
    expect(gaps[1]).toBeGreaterThanOrEqual(1000);
    expect(gaps[2]).toBeGreaterThanOrEqual(2000);
    expect(gaps[0]!).toBeLessThan(gaps[1]!);
    expect(gaps[1]!).toBeLessThan(gaps[2]!);
    expect((await attemptDelivery(d.id, cfg)).result).toBe("dead");
    expect(await delivery(d.eventId, c.id)).toMatchObject({ state: "dead", attempts: 4 });
  });

  it("Retry-After is honoured over a shorter backoff", async () => {
    const r = await receiver(answer(429, { "Retry-After": "120" }));
    const c = await channel(r.url);
    const d = await delivery((await emit(c)).id, c.id);
    expect((await attemptDelivery(d.id, config({ retry: { maxAttempts: 4, baseMs: 20, capMs: 3_600_000 } }))).result).toBe("retry");
    const row = await delivery(d.eventId, c.id);
    expect(row.nextAttemptAt.getTime() - row.attemptRows[0]!.at.getTime()).toBeGreaterThanOrEqual(120_000);
  });

  it("the breaker opens after 5 consecutive failures; deliveries then wait without spending attempts; one half-open probe closes it", async () => {
    let healthy = false;
    let probeSaw: string | null = null;
    const r = await receiver(async (req, res) => {
      if (healthy) probeSaw = (await db().notificationChannel.findFirstOrThrow({ where: { url: `${rUrl}/hook` } })).breakerState;
      answer(healthy ? 200 : 500)(req, res, "");
    });
    const rUrl = r.url;
    const c = await channel(r.url);
    const cfg = config({ retry: { maxAttempts: 10, baseMs: 20, capMs: 20 }, breaker: { failureThreshold: 5, openMs: 400 } });
    const ds = [];
    for (let i = 0; i < 7; i++) ds.push(await delivery((await emit(c)).id, c.id));
    for (const d of ds.slice(0, 5)) expect((await attemptDelivery(d.id, cfg)).result).toBe("retry");
    const opened = await db().notificationChannel.findUniqueOrThrow({ where: { id: c.id } });
    expect(opened).toMatchObject({ breakerState: "open", consecutiveFailures: 5 });

    const held = await attemptDelivery(ds[5]!.id, cfg);
    expect(held.result).toBe("held");
    expect(held.result === "held" && held.retryAt.getTime()).toBe(opened.breakerOpenedAt!.getTime() + 400);
    expect(await delivery(ds[5]!.eventId, c.id)).toMatchObject({ state: "waiting", attempts: 0 });
    expect(r.arrivals).toHaveLength(5);

    await sleep(450);
    healthy = true;
    expect((await attemptDelivery(ds[5]!.id, cfg)).result).toBe("delivered");
    expect(probeSaw).toBe("half-open");
    expect(await db().notificationChannel.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ breakerState: "closed", consecutiveFailures: 0 });
    expect((await attemptDelivery(ds[6]!.id, cfg)).result).toBe("delivered");
  });
});

describe("the queue", () => {
  it("two workers share the deliveries; a receiver deduplicating by Idempotency-Key applies each event exactly once", async () => {
    const applied = new Map<string, number>();
    let arrivals = 0;
    const r = await receiver((req, res) => {
      arrivals++;
      const key = String(req.headers["idempotency-key"]);
      const first = !applied.has(key);
      if (first) applied.set(key, 0);
      applied.set(key, applied.get(key)! + (first ? 1 : 0));
      // Every other first arrival "loses" its answer, so the sender retries an event already applied.
      answer(first && arrivals % 2 === 0 ? 503 : 200)(req, res, "");
    });
    const c = await channel(r.url);
    const events = [];
    for (let i = 0; i < 20; i++) events.push(await emit(c));
    // The breaker is not under test here (interleaved failures could open it and park the rest for a minute).
    const cfg = config({ retry: { maxAttempts: 6, baseMs: 50, capMs: 200 }, breaker: { failureThreshold: 100, openMs: 60_000 } });
    workers.push(await startNotificationWorker({ config: cfg, pollMs: 100, concurrency: 2 }));
    workers.push(await startNotificationWorker({ config: cfg, pollMs: 100, concurrency: 2 }));
    await until(
      () => db().notificationDelivery.count({ where: { channelId: c.id, state: "delivered" } }),
      (n) => n === 20,
      "all 20 deliveries",
    );
    expect([...applied.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    expect(r.arrivals.length).toBeGreaterThan(20); // duplicates arrived, and were recognised
    const attempts = await db().notificationAttempt.count({ where: { delivery: { channelId: c.id } } });
    expect(attempts).toBe(r.arrivals.length);
  });

  it("replaying all dead letters of a channel hands them back to the queue", async () => {
    const r = await receiver(answer(400));
    const c = await channel(r.url);
    const ds = [];
    for (let i = 0; i < 3; i++) ds.push(await delivery((await emit(c)).id, c.id));
    for (const d of ds) expect((await attemptDelivery(d.id, config())).result).toBe("dead");
    r.handler = answer(204);
    workers.push(await startNotificationWorker({ config: config(), pollMs: 100, concurrency: 2 }));
    expect(await replayDeadLetters(admin, { channelId: c.id })).toEqual({ replayed: 3 });
    await until(() => db().notificationDelivery.count({ where: { channelId: c.id, state: "delivered" } }), (n) => n === 3, "the replayed dead letters");
  });
});
