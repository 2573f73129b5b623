// A small webhook receiver for Edgewise's notifications, as a receiver should be written: it checks the
// signature on the raw body, applies each event once by its Idempotency-Key, and can be told to fail
// so the delivery log shows retries, the breaker and dead letters. `npm run demo:receiver` runs it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADER, verifySignature } from "../lib/notifications/signature";

export interface ReceiverOptions {
  port: number;
  host: string;
  /** The channel's signing secret; without it signatures are reported but not checked. */
  secret: string | null;
  /** Share of requests (0–1) answered with `status` instead of 200. */
  failRate: number;
  /** The status a failing answer carries (default 500). */
  status: number;
  /** Sent as Retry-After (seconds) with failing answers, when set. */
  retryAfterSeconds: number | null;
  random: () => number;
}

export interface ReceiverStats {
  received: number;
  applied: number;
  duplicates: number;
  failed: number;
  badSignatures: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

interface Arrival {
  type?: unknown;
  state?: unknown;
  summary?: unknown;
  link?: unknown;
}

export async function startReceiver(options: ReceiverOptions, log: (line: string) => void = console.log) {
  const applied = new Map<string, number>(); // Idempotency-Key → the arrival number that applied it
  const stats: ReceiverStats = { received: 0, applied: 0, duplicates: 0, failed: 0, badSignatures: 0 };

  const server = http.createServer((req, res) => {
    if (req.method === "GET") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(stats));
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "GET, POST" }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      const n = ++stats.received;
      const raw = Buffer.concat(chunks);
      const key = req.headers["idempotency-key"];
      const signature = req.headers[SIGNATURE_HEADER.toLowerCase()];
      const time = new Date().toISOString().slice(11, 23);
      let event: Arrival = {};
      try {
        event = JSON.parse(raw.toString("utf8")) as Arrival;
      } catch {
        log(`#${n} ${time} not JSON (${raw.length} bytes) → 400`);
        res.writeHead(400).end("body is not JSON");
        return;
      }
      log(`#${n} ${time} ${String(event.type)}${event.state ? ` [${String(event.state)}]` : ""} ${String(event.summary)}`);
      log(`    link: ${String(event.link)}`);

      if (options.secret) {
        const ok = verifySignature(options.secret, raw, typeof signature === "string" ? signature : null);
        log(`    signature: ${ok ? "✓ matches" : `✗ does NOT match (${signature ? String(signature) : "no " + SIGNATURE_HEADER + " header"})`}`);
        if (!ok) {
          stats.badSignatures++;
          res.writeHead(401).end("signature does not match");
          return;
        }
      } else {
        log(`    signature: ${signature ? "present, not checked (start with --secret <the channel's secret> to verify)" : "none"}`);
      }

      if (options.failRate > 0 && options.random() < options.failRate) {
        stats.failed++;
        const headers: Record<string, string> = options.retryAfterSeconds !== null ? { "Retry-After": String(options.retryAfterSeconds) } : {};
        log(`    failing on purpose → ${options.status}${headers["Retry-After"] ? ` (Retry-After: ${headers["Retry-After"]} s)` : ""}`);
        res.writeHead(options.status, headers).end("failing on purpose");
        return;
      }

      if (typeof key !== "string" || key === "") {
        log("    no Idempotency-Key: applied, but a retry could not be told apart from a new event");
        stats.applied++;
      } else if (applied.has(key)) {
        stats.duplicates++;
        log(`    duplicate of #${applied.get(key)} (Idempotency-Key ${key}): acknowledged, not applied again`);
      } else {
        applied.set(key, n);
        stats.applied++;
        log(`    applied (Idempotency-Key ${key})`);
      }
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
