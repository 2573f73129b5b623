// `npm run bench -- fault-shutdown`: `npm start`'s launcher, owning its embedded PostgreSQL, gets
// SIGTERM while large OTLP batches are being ingested. The batches in flight must complete with 200 and
// be committed, new connections must be refused, the launcher must exit 0, and PostgreSQL must stop
// cleanly: no process of the cluster left, "database system is shut down" in its log, and no crash
// recovery when it next starts.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startEmbedded } from "../../lib/db/embedded-postgres";
import { startBenchServer } from "./server";
import { faultRun, verdict } from "./support/fault";
import { ingestedInDb, makeBatches } from "./support/otlp";
import { clusterProcesses } from "./support/postgres";

const IN_FLIGHT = 6;

/** A GET /api/health on a fresh TCP connection (no keep-alive reuse): "answered <status>" or "refused (<code>)". */
function newConnection(port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(`answered ${res.statusCode}`));
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", (err: NodeJS.ErrnoException) => resolve(`refused (${err.code ?? err.message})`));
  });
}
const SPANS = 15_000;

export function run() {
  return faultRun("fault-shutdown", async ({ estate, logFile, cleanup }) => {
    const token = await estate.token(["telemetry:write"]);
    const { disconnectDb } = await import("../../lib/db/client");
    await disconnectDb();
    const before = await ingestedInDb(estate.database.url);
    // Hand the data directory to the launcher: it starts and owns the embedded PostgreSQL, as `npm start` does.
    await estate.database.stop();
    const pgLog = path.join(estate.dataDir, "postgres.log");
    const server = await startBenchServer(null, { dataDir: estate.dataDir, logFile });
    cleanup(() => server.stop());
    const pgLogOffset = fs.statSync(pgLog).size;

    const batches = makeBatches(IN_FLIGHT, SPANS, SPANS, "shutdown");
    const done: { status: number; ms: number }[] = [];
    const t0 = performance.now();
    const requests = batches.map(async (b) => {
      const status = await fetch(`${server.base}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: b.body }).then(
        async (res) => (await res.arrayBuffer(), res.status),
        () => 0,
      );
      done.push({ status, ms: performance.now() - t0 });
      return status;
    });
    await new Promise((r) => setTimeout(r, 400)); // bodies sent, ingestion under way
    const inFlightAtSigterm = IN_FLIGHT - done.length;
    const sigtermMs = performance.now() - t0;
    process.kill(server.pid, "SIGTERM");
    // A busy server acts on the signal when its event loop gets to it: probe until it refuses.
    const probes: string[] = [];
    let refusedMs: number | null = null;
    while (done.length < IN_FLIGHT) {
      const probe = await newConnection(server.port);
      probes.push(probe);
      if (probe.startsWith("refused")) {
        refusedMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const lastProbe = probes.at(-1) ?? "not probed";
    const statuses = await Promise.all(requests);
    const exitCode = await server.exited;
    const exitedMs = performance.now() - t0;
    const leftover = clusterProcesses(path.join(estate.dataDir, "pg"));
    const shutdownLog = fs.readFileSync(pgLog, "utf8").slice(pgLogOffset);

    // Start the cluster again to count what was committed and to see whether it needed crash recovery.
    const restartOffset = fs.statSync(pgLog).size;
    const again = await startEmbedded({ dataDir: estate.dataDir });
    cleanup(() => again.stop());
    const after = await ingestedInDb(again.url);
    const restartLog = fs.readFileSync(pgLog, "utf8").slice(restartOffset);
    const found = after.spans - before.spans;
    const expected = statuses.filter((s) => s === 200).length * SPANS;
    const completedAfterSigterm = done.filter((d) => d.ms > sigtermMs).length;

    const violations: string[] = [];
    if (inFlightAtSigterm === 0) violations.push("no request was in flight at SIGTERM (the test proves nothing)");
    if (statuses.some((s) => s !== 200)) violations.push(`in-flight requests answered ${statuses.join(",")}`);
    if (found !== expected) violations.push(`spans committed ${found} ≠ acknowledged ${expected}`);
    if (refusedMs === null) violations.push(`new connections were still served until the in-flight requests finished (${probes.length} probes)`);
    if (refusedMs !== null && done.some((d) => d.ms < refusedMs!) && done.every((d) => d.ms < refusedMs!)) violations.push("new connections were refused only after every in-flight request had finished");
    if (exitCode !== 0) violations.push(`the launcher exited with ${exitCode}`);
    if (leftover.length) violations.push(`PostgreSQL processes left: ${leftover.join(",")}`);
    if (!/database system is shut down/.test(shutdownLog)) violations.push("no clean shutdown in PostgreSQL's log");
    if (/not properly shut down|automatic recovery/.test(restartLog)) violations.push("PostgreSQL needed crash recovery on the next start");

    const figures = {
      machine: `${os.cpus().length} cores, node ${process.version}`,
      inFlightAtSigterm,
      spansPerRequest: SPANS,
      completedAfterSigterm,
      statuses,
      newConnectionsRefusedAfterMs: refusedMs === null ? null : Math.round(refusedMs - sigtermMs),
      // Connections accepted before the server acted on the signal (any answer; /api/health may say 503 when its 2 s ping starves).
      probesBeforeRefusal: probes.slice(0, -1),
      lastInFlightDoneAfterMs: Math.round(Math.max(...done.map((d) => d.ms)) - sigtermMs),
      launcherExitCode: exitCode,
      sigtermToExitMs: Math.round(exitedMs - sigtermMs),
      spansExpected: expected,
      spansFound: found,
      postgresProcessesLeft: leftover.length,
      postgresCleanShutdown: /database system is shut down/.test(shutdownLog),
      crashRecoveryOnRestart: /not properly shut down|automatic recovery/.test(restartLog),
      violations,
    };
    console.log(`SIGTERM with ${inFlightAtSigterm} ingestion requests of ${SPANS} spans in flight; ${completedAfterSigterm} completed after it, statuses ${statuses.join(",")}`);
    console.log(`New connections ${lastProbe} ${figures.newConnectionsRefusedAfterMs} ms after SIGTERM, while the last in-flight request finished ${figures.lastInFlightDoneAfterMs} ms after it; launcher exited ${exitCode} ${figures.sigtermToExitMs} ms after SIGTERM`);
    console.log(`Spans committed: expected ${expected}, found ${found}; PostgreSQL processes left: ${leftover.length}; clean shutdown logged: ${figures.postgresCleanShutdown}; crash recovery on restart: ${figures.crashRecoveryOnRestart}`);
    verdict(violations, "in-flight requests finished and committed, new ones refused, exit 0, PostgreSQL stopped cleanly");
    return figures;
  });
}
