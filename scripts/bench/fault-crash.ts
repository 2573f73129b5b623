// `npm run bench -- fault-crash`: the production server is killed with SIGKILL twice while a load
// generator sends OTLP batches, and restarted on the same database and port each time. The generator
// retries every batch that got no answer with the same body. Afterwards every acknowledged batch must
// be in the database exactly once: the minute buckets' span count equals the spans of the distinct
// acknowledged batches, and there is one ingestion receipt per batch. Exits non-zero otherwise.
import os from "node:os";
import { startBenchServer } from "./server";
import { faultRun, verdict } from "./support/fault";
import { ingestedInDb, makeBatches, sendAll, tally, type Attempt } from "./support/otlp";

const BATCHES = Number(process.env.FAULT_BATCHES ?? 600);
const CONCURRENCY = 6;
const KILL_AT = [0.3, 0.65]; // fractions of the batches acknowledged

export function run() {
  return faultRun("fault-crash", async ({ estate, logFile, cleanup }) => {
    const token = await estate.token(["telemetry:write"]);
    const before = await ingestedInDb(estate.database.url);
    let server = await startBenchServer(estate.database.url, { logFile });
    cleanup(() => server.stop());
    const { port, secret } = server;
    const batches = makeBatches(BATCHES, 50, 1000, "crash");

    const attempts: Attempt[] = [];
    const crashes: { atMs: number; restartedMs: number; firstAckMs: number | null; ackedBefore: number }[] = [];
    const sending = sendAll(batches, CONCURRENCY, { token, bases: [server.base], timeoutMs: 20_000, retryDelayMs: 100 }, attempts);
    const ackedCount = () => attempts.filter((a) => a.status === 200).length;
    for (const fraction of KILL_AT) {
      while (ackedCount() < BATCHES * fraction) await new Promise((r) => setTimeout(r, 20));
      const ackedBefore = ackedCount();
      const atMs = performance.now();
      await server.crash();
      server = await startBenchServer(estate.database.url, { logFile, port, secret });
      crashes.push({ atMs, restartedMs: performance.now(), firstAckMs: null, ackedBefore });
    }
    const { acked } = await sending;

    for (const c of crashes) c.firstAckMs = attempts.find((a) => a.status === 200 && a.startMs >= c.atMs)?.endMs ?? null;
    const after = await ingestedInDb(estate.database.url);
    const t = tally(batches, attempts, acked);
    const found = after.spans - before.spans;
    const receipts = after.receipts - before.receipts;
    const unexpected = Object.keys(t.byStatus).filter((s) => s !== "200" && s !== "no answer" && s !== "503");

    const violations: string[] = [];
    if (t.acked !== BATCHES) violations.push(`${BATCHES - t.acked} batch(es) never acknowledged`);
    if (found !== t.ackedSpans) violations.push(`spans in the database ${found} ≠ spans of acknowledged batches ${t.ackedSpans}`);
    if (receipts !== t.acked) violations.push(`ingestion receipts ${receipts} ≠ acknowledged batches ${t.acked}`);
    if (unexpected.length) violations.push(`unexpected statuses: ${unexpected.map((s) => `${s}×${t.byStatus[s]}`).join(", ")}`);

    const downtimesMs = crashes.map((c) => (c.firstAckMs === null ? null : Math.round(c.firstAckMs - c.atMs)));
    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      kills: crashes.length,
      batchesSent: t.batches,
      requests: t.requests,
      acked: t.acked,
      retriedBatches: t.retriedBatches,
      responses: t.byStatus,
      spansExpected: t.ackedSpans,
      spansFound: found,
      receipts,
      downtimeMs: downtimesMs,
      restartMs: crashes.map((c) => Math.round(c.restartedMs - c.atMs)),
      violations,
    };
    console.log(`Killed the server (SIGKILL) ${crashes.length}× at ${crashes.map((c) => c.ackedBefore).join(" and ")} acknowledged batches; restarted on the same database each time`);
    console.log(`Batches: ${t.batches} sent, ${t.acked} acknowledged, ${t.retriedBatches} retried; ${t.requests} requests (${Object.entries(t.byStatus).map(([s, n]) => `${s}: ${n}`).join(", ")})`);
    console.log(`Spans: expected ${t.ackedSpans}, found ${found} in the database; receipts ${receipts}`);
    console.log(`Downtime (kill → first 200): ${downtimesMs.map((d) => `${d} ms`).join(", ")}`);
    verdict(violations, "every acknowledged batch is present exactly once");
    return figures;
  });
}
