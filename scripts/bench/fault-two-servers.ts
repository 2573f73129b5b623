// `npm run bench -- fault-two-servers`: two production servers on one PostgreSQL. OTLP batches go
// through both at once while rounds of concurrent PATCHes of one integration point, all with the same
// If-Match, go through both: ingestion must count every span once, each round exactly one PATCH wins
// and the rest get 409, and the final declaration, version and audit trail show no lost update.
import os from "node:os";
import pg from "pg";
import { startBenchServer } from "./server";
import { faultRun, verdict } from "./support/fault";
import { ingestedInDb, makeBatches, sendAll, tally, type Attempt } from "./support/otlp";

const BATCHES = Number(process.env.FAULT_BATCHES ?? 400);
const ROUNDS = 20;
const WRITERS = 8; // per round, half through each server

export function run() {
  return faultRun("fault-two-servers", async ({ estate, logFile, cleanup }) => {
    const ingestToken = await estate.token(["telemetry:write"]);
    const editToken = await estate.token(["catalog:write"]);
    const client = new pg.Client({ connectionString: estate.database.url });
    await client.connect();
    cleanup(() => client.end());
    const integration = await estate.batchTarget();
    const auditCount = async () =>
      Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE entity_id = $1 AND action = 'integration.update'", [integration.id])).rows[0]!.n);
    const auditBefore = await auditCount();
    const before = await ingestedInDb(estate.database.url);

    const a = await startBenchServer(estate.database.url, { logFile });
    cleanup(() => a.stop());
    const b = await startBenchServer(estate.database.url, { logFile, secret: a.secret });
    cleanup(() => b.stop());

    const batches = makeBatches(BATCHES, 50, 600, "two");
    const attempts: Attempt[] = [];
    const ingesting = sendAll(batches, 8, { token: ingestToken, bases: [a.base, b.base] }, attempts);

    const url = (base: string) => `${base}/api/integrations/${encodeURIComponent(integration.key)}`;
    const headers = { authorization: `Bearer ${editToken}`, "content-type": "application/json" };
    const first = await fetch(url(a.base), { headers });
    const startVersion = Number(JSON.parse(first.headers.get("etag")!));
    const rounds: { version: number; statuses: number[]; winner: string | null }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const current = await fetch(url(r % 2 ? b.base : a.base), { headers });
      const etag = current.headers.get("etag")!;
      await current.arrayBuffer();
      const results = await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const description = `Round ${r}, writer ${w} (through server ${w % 2 ? "B" : "A"})`;
          const res = await fetch(url(w % 2 ? b.base : a.base), { method: "PATCH", headers: { ...headers, "if-match": etag }, body: JSON.stringify({ description }) });
          await res.arrayBuffer();
          return { status: res.status, description };
        }),
      );
      rounds.push({ version: Number(JSON.parse(etag)), statuses: results.map((x) => x.status), winner: results.find((x) => x.status === 200)?.description ?? null });
    }
    const { acked } = await ingesting;

    const final = await fetch(url(b.base), { headers });
    const finalVersion = Number(JSON.parse(final.headers.get("etag")!));
    const finalDescription = ((await final.json()) as { description: string }).description;
    const audits = await client.query<{ after: { description?: string } }>(
      "SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'integration.update' ORDER BY id DESC LIMIT $2",
      [integration.id, ROUNDS],
    );
    const auditWinners = audits.rows.map((row) => row.after.description ?? null).reverse();
    const auditRows = (await auditCount()) - auditBefore;
    const after = await ingestedInDb(estate.database.url);
    const t = tally(batches, attempts, acked);
    const found = after.spans - before.spans;
    const wins = rounds.map((r) => r.statuses.filter((s) => s === 200).length);
    const conflicts = rounds.reduce((n, r) => n + r.statuses.filter((s) => s === 409).length, 0);
    const others = rounds.flatMap((r) => r.statuses.filter((s) => s !== 200 && s !== 409));

    const violations: string[] = [];
    if (t.acked !== BATCHES) violations.push(`${BATCHES - t.acked} batch(es) never acknowledged`);
    if (Object.keys(t.byStatus).some((s) => s !== "200")) violations.push(`ingestion answered ${JSON.stringify(t.byStatus)}`);
    if (found !== t.ackedSpans) violations.push(`spans in the database ${found} ≠ spans of acknowledged batches ${t.ackedSpans}`);
    if (wins.some((w) => w !== 1)) violations.push(`winners per round ${wins.join(",")} (each must be exactly 1)`);
    if (others.length) violations.push(`PATCH statuses other than 200/409: ${others.join(",")}`);
    if (finalVersion !== startVersion + ROUNDS) violations.push(`final version ${finalVersion} ≠ ${startVersion} + ${ROUNDS}`);
    if (finalDescription !== rounds.at(-1)!.winner) violations.push("the final description is not the last round's winner (lost update)");
    if (auditRows !== ROUNDS) violations.push(`${auditRows} audit rows for ${ROUNDS} successful updates`);
    if (JSON.stringify(auditWinners) !== JSON.stringify(rounds.map((r) => r.winner))) violations.push("the audit trail does not list each round's winner in order");

    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      servers: 2,
      ingestion: { batches: t.batches, acked: t.acked, requests: t.requests, responses: t.byStatus, spansExpected: t.ackedSpans, spansFound: found, receipts: after.receipts - before.receipts },
      edits: { rounds: ROUNDS, writersPerRound: WRITERS, wins: wins.reduce((x, y) => x + y, 0), conflicts, startVersion, finalVersion, auditRows },
      violations,
    };
    console.log(`Two servers, one database: ${t.batches} batches through both (${t.acked} acknowledged), spans expected ${t.ackedSpans}, found ${found}`);
    console.log(`${ROUNDS} rounds × ${WRITERS} concurrent PATCHes with the same If-Match through both: ${figures.edits.wins} won, ${conflicts} got 409; version ${startVersion} → ${finalVersion}; ${auditRows} audit rows`);
    verdict(violations, "exact counts through both servers; one winner per version, the rest 409, no lost update");
    return figures;
  });
}
