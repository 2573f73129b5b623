// POST /api/v1/write, Prometheus remote write 1.0: the same load shedding, bearer auth and pipeline as
// OTLP (one gate per process, and the token buckets every instance shares with /v1/*), answering as the remote-write
// specification asks — 204 once committed, 400 for a body that is not a snappy WriteRequest (the
// sender drops it), 429/503 with Retry-After when overloaded or the database is down (it retries).
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { authorize } from "@/lib/auth/actor";
import { verifyToken } from "@/lib/auth/api-tokens";
import { env } from "@/lib/env";
import { AppError, mapError } from "@/lib/errors";
import { logged } from "@/lib/http/request-log";
import { bodyDigest, ingestMetrics } from "./ingest";
import { countRejectedRequest } from "./ingest-counts";
import { OtlpDecodeError } from "./otlp-json";
import { defaultLimits, type IngestLimits } from "./otlp-http";
import { decodeWriteRequest } from "./remote-write";
import { writeRequestToMetrics } from "./remote-write-points";

const REASONS: Record<number, string> = { 400: "malformed", 401: "unauthenticated", 403: "forbidden", 413: "too_large", 415: "unsupported_media_type", 503: "unavailable" };

function tooMany(retryAfterS: number, message: string): never {
  throw new AppError("rate_limited", message, undefined, { "Retry-After": String(retryAfterS) });
}

/** The compressed body, cut off at the limit (snappy's own header bounds what it decompresses to). */
async function readCompressed(req: Request, limitBytes: number): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? "0") > limitBytes || !req.body) {
    if (!req.body) return Buffer.alloc(0);
    throw new AppError("payload_too_large", `The body is larger than ${limitBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limitBytes) throw new AppError("payload_too_large", `The body is larger than ${limitBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export function remoteWriteRoute(limits?: IngestLimits) {
  return logged(async (req: NextRequest, _context: unknown, notes): Promise<Response> => {
    const { gate, buckets } = limits ?? defaultLimits();
    let rejection: string | null = null;
    const entered = gate.enter();
    try {
      if (!entered.ok) {
        rejection = "overloaded";
        tooMany(entered.retryAfterS, "Too many ingestion requests in flight; retry shortly");
      }
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
      const actor = match?.[1] ? await verifyToken(match[1]) : null;
      notes.actorId = actor?.userId ?? null;
      if (!actor) throw new AppError("unauthenticated", "Send Authorization: Bearer <token> with the telemetry:write scope (remote_write: authorization: credentials: …)");
      authorize(actor, "telemetry:write"); // before the body: a token without the scope learns nothing from it
      const admitted = await buckets.take(actor.tokenId ?? actor.userId);
      if (!admitted.ok) {
        rejection = "rate_limited";
        tooMany(admitted.retryAfterS, "This token is sending faster than the configured rate (EDGEWISE_INGEST_RATE_PER_TOKEN)");
      }
      const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      const encoding = (req.headers.get("content-encoding") ?? "").trim().toLowerCase();
      // Remote write 2.0 names its message in the type (proto=io.prometheus.write.v2.Request): a 415 makes the sender fall back to 1.0.
      const proto = /;\s*proto=([^;\s]+)/i.exec(req.headers.get("content-type") ?? "")?.[1] ?? "prometheus.WriteRequest";
      if (type !== "application/x-protobuf" || encoding !== "snappy" || proto !== "prometheus.WriteRequest") throw new AppError("unsupported_media_type", "Send remote write 1.0: Content-Type application/x-protobuf (proto=prometheus.WriteRequest), Content-Encoding snappy");
      const body = await readCompressed(req, env().EDGEWISE_INGEST_MAX_BYTES);
      const request = writeRequestToMetrics(decodeWriteRequest(body, env().EDGEWISE_INGEST_MAX_BYTES * 8));
      await ingestMetrics(actor, request, bodyDigest(body));
      return new NextResponse(null, { status: 204, headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      const mapped = err instanceof OtlpDecodeError ? { status: 400, body: { error: { code: "bad_request", message: err.message } }, headers: undefined } : mapError(err);
      if (mapped.status >= 500 && mapped.status !== 503) console.error(err);
      const reason = rejection ?? REASONS[mapped.status];
      if (reason) countRejectedRequest("metrics", `remote_write_${reason}`);
      return NextResponse.json(mapped.body, { status: mapped.status, headers: { ...mapped.headers, "Cache-Control": "no-store" } });
    } finally {
      if (entered.ok) gate.leave();
    }
  });
}
