// The OTLP/HTTP request handling /v1/traces and /v1/metrics share: load shedding, bearer auth, the
// codec chosen from the content type, the size limit, then the ingestion pipeline; every answer —
// errors too, as google.rpc.Status — in the request's encoding. Whole requests turned away are
// tallied by reason for Settings → Telemetry.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { authorize } from "@/lib/auth/actor";
import { verifyToken } from "@/lib/auth/api-tokens";
import { env } from "@/lib/env";
import { AppError, mapError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-body";
import { logged } from "@/lib/http/request-log";
import { ingest } from "./ingest";
import { countInMemory, countRejectedRequest } from "./ingest-counts";
import { codecFor, jsonCodec, rpcStatus, type OtlpAnswerSignal, type OtlpCodec, type PartialSuccess, type RpcStatus } from "./otlp-codec";
import { OtlpDecodeError } from "./otlp-json";
import { ConcurrencyGate, type Admission, type RateLimiter } from "./overload";
import { SharedTokenBuckets } from "./shared-buckets";

export interface IngestLimits {
  gate: ConcurrencyGate;
  buckets: RateLimiter;
}

let defaults: IngestLimits | null = null;
/** One gate per process; token buckets kept in the database, shared by every signal and instance. */
export function defaultLimits(): IngestLimits {
  const e = env();
  defaults ??= { gate: new ConcurrencyGate(e.EDGEWISE_INGEST_MAX_CONCURRENT), buckets: new SharedTokenBuckets(e.EDGEWISE_INGEST_RATE_PER_TOKEN, e.EDGEWISE_INGEST_BURST_PER_TOKEN, "ingest") };
  return defaults;
}

const REASONS: Record<number, string> = { 400: "malformed", 401: "unauthenticated", 403: "forbidden", 413: "too_large", 415: "unsupported_media_type", 503: "unavailable" };

function tooMany(admission: Admission, message: string): never {
  const retryAfterS = admission.ok ? 1 : admission.retryAfterS;
  throw new AppError("rate_limited", message, undefined, { "Retry-After": String(retryAfterS) });
}

/**
 * An answer the server must not gzip: it is a few bytes (most often `{}`), and compressing it cost
 * each exporter request a zlib stream. `no-transform` is the directive the server's compression honours.
 */
const plain = (body: Uint8Array<ArrayBuffer>, contentType: string) =>
  new NextResponse(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store, no-transform" } });

/** What a failed request answers: its HTTP status, its google.rpc.Status, and headers (Retry-After). */
function failure(err: unknown): { httpStatus: number; status: RpcStatus; headers?: Record<string, string> } {
  // The one place a body that is not OTLP is classified: whichever codec found it.
  if (err instanceof OtlpDecodeError) return { httpStatus: 400, status: rpcStatus(400, err.message, err.field) };
  const mapped = mapError(err);
  if (mapped.status >= 500 && mapped.status !== 503) console.error(err);
  return { httpStatus: mapped.status, status: rpcStatus(mapped.status, mapped.body.error.message), headers: mapped.headers };
}

/**
 * /v1/logs: Edgewise keeps no logs, so a valid request is answered 200 with every record rejected in
 * partial_success — which OTLP says a client must not retry — and the records are counted as dropped.
 */
function dropLogs(codec: OtlpCodec, body: Buffer): PartialSuccess | null {
  const records = codec.countLogRecords(body);
  countInMemory("logs", "logs_not_stored", records);
  return records ? { rejected: records, errorMessage: `Edgewise stores no logs: ${records} log record${records === 1 ? "" : "s"} dropped. Send traces (/v1/traces) and metrics (/v1/metrics) instead.` } : null;
}

/** The POST handler of /v1/{signal}: the codec the content type names, then the ingestion pipeline. */
export function otlpRoute(signal: OtlpAnswerSignal, limits?: IngestLimits) {
  return logged(async (req: NextRequest, _context: unknown, notes): Promise<Response> => {
    const { gate, buckets } = limits ?? defaultLimits();
    const codec = codecFor(req.headers.get("content-type"));
    let rejection: string | null = null;
    const entered = gate.enter();
    try {
      if (!entered.ok) {
        rejection = "overloaded";
        tooMany(entered, "Too many OTLP requests in flight; retry shortly");
      }
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
      const actor = match?.[1] ? await verifyToken(match[1]) : null;
      notes.actorId = actor?.userId ?? null;
      if (!actor) throw new AppError("unauthenticated", "Send Authorization: Bearer <token> with the telemetry:write scope");
      authorize(actor, "telemetry:write"); // before the body: a token without the scope learns nothing from it
      const admitted = await buckets.take(actor.tokenId ?? actor.userId);
      if (!admitted.ok) {
        rejection = "rate_limited";
        tooMany(admitted, "This token is sending faster than the configured rate (EDGEWISE_INGEST_RATE_PER_TOKEN)");
      }
      if (!codec) throw new AppError("unsupported_media_type", "Send OTLP as application/json or application/x-protobuf");
      const body = await readLimitedBody(req, env().EDGEWISE_INGEST_MAX_BYTES);
      let partial: PartialSuccess | null;
      if (signal === "logs") partial = dropLogs(codec, body);
      else {
        const result = await ingest(signal, actor, codec, body);
        partial = result.rejected ? { rejected: result.rejected, errorMessage: result.message } : null;
      }
      // OTLP: 200 with the Export…ServiceResponse in the request's encoding; partialSuccess only when something was rejected.
      return plain(codec.encodeResponse(signal, partial), codec.contentType);
    } catch (err) {
      const { httpStatus, status, headers } = failure(err);
      const reason = rejection ?? REASONS[httpStatus];
      if (reason) countRejectedRequest(signal, reason);
      // A content type OTLP has no codec for is answered in OTLP/JSON.
      const answer = codec ?? jsonCodec;
      return new NextResponse(answer.encodeStatus(status), { status: httpStatus, headers: { ...headers, "Content-Type": answer.contentType, "Cache-Control": "no-store" } });
    } finally {
      if (entered.ok) gate.leave();
    }
  });
}
