// The demo receiver, fed by the real webhook sender: signature checked, duplicates told apart by
// Idempotency-Key, failures on demand (with Retry-After) classified as the delivery worker expects.
import { afterEach, describe, expect, it } from "vitest";
import { send } from "@/lib/notifications/senders";
import { sampleEvent } from "@/lib/notifications/senders/sample-events";
import { prng } from "@/lib/random";
import { startReceiver, type ReceiverOptions } from "./webhook-receiver";

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function receiver(over: Partial<ReceiverOptions> = {}) {
  const lines: string[] = [];
  const r = await startReceiver({ port: 0, host: "127.0.0.1", secret: null, failRate: 0, status: 500, retryAfterSeconds: null, random: Math.random, ...over }, (l) => lines.push(l));
  running.push(r);
  return { ...r, lines };
}

const options = { timeoutMs: 2000, appUrl: "http://localhost:3000" };

describe("demo receiver", () => {
  it("prints the arrival, verifies the signature and applies each event once", async () => {
    const r = await receiver({ secret: "whsec_demo" });
    const target = { kind: "webhook" as const, url: `${r.url}/`, secret: "whsec_demo" };
    const event = sampleEvent();
    expect(await send(target, event, options)).toMatchObject({ ok: true, status: 200 });
    expect(await send(target, event, options)).toMatchObject({ ok: true, status: 200 }); // a redelivery
    expect(await send(target, sampleEvent({ id: "another" }), options)).toMatchObject({ ok: true });
    expect(r.stats).toEqual({ received: 3, applied: 2, duplicates: 1, failed: 0, badSignatures: 0 });
    expect(r.lines[0]).toMatch(/^#1 \d\d:\d\d:\d\d\.\d{3} slo\.alert \[firing\] checkout->payments:authorize is burning/);
    expect(r.lines).toContain(`    link: ${event.link}`);
    expect(r.lines.filter((l) => l.includes("signature: ✓ matches"))).toHaveLength(3);
    expect(r.lines).toContain(`    duplicate of #1 (Idempotency-Key ${event.id}): acknowledged, not applied again`);
  });

  it("rejects a body signed with another secret (401: not retried)", async () => {
    const r = await receiver({ secret: "whsec_right" });
    const outcome = await send({ kind: "webhook", url: r.url, secret: "whsec_wrong" }, sampleEvent(), options);
    expect(outcome).toMatchObject({ ok: false, retry: false, status: 401 });
    expect(r.stats).toMatchObject({ badSignatures: 1, applied: 0 });
    expect(r.lines.some((l) => l.includes("signature: ✗ does NOT match"))).toBe(true);
  });

  it("fails on demand with the given status and Retry-After; a failed arrival is not applied, so its retry is not a duplicate", async () => {
    const r = await receiver({ failRate: 1, status: 503, retryAfterSeconds: 7 });
    expect(await send({ kind: "webhook", url: r.url, secret: null }, sampleEvent(), options)).toMatchObject({ ok: false, retry: true, status: 503, retryAfterMs: 7000 });
    expect(r.stats).toMatchObject({ received: 1, failed: 1, applied: 0 });
  });

  it("a fail rate fails about that share of a seeded run, and every event is still applied exactly once after retries", async () => {
    const r = await receiver({ failRate: 0.3, random: prng(99) });
    const target = { kind: "webhook" as const, url: r.url, secret: null };
    let failures = 0;
    for (let i = 0; i < 200; i++) {
      const event = sampleEvent({ id: `evt-${i}` });
      for (;;) {
        const outcome = await send(target, event, options);
        if (outcome.ok) break;
        failures++;
        expect(outcome).toMatchObject({ retry: true, status: 500 });
      }
    }
    expect(r.stats.applied).toBe(200);
    expect(r.stats.duplicates).toBe(0);
    expect(r.stats.failed).toBe(failures);
    // 30 % of requests fail: about 0.3/0.7 ≈ 86 failed tries for 200 events.
    expect(failures).toBeGreaterThan(50);
    expect(failures).toBeLessThan(130);
  });
});
