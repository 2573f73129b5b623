// The OTLP/HTTP request handling /v1/traces and /v1/metrics share: load shedding, bearer auth, content
// type and encoding, the size limit, decoding, and answers in the request's encoding. Whole requests
// turned away are tallied by reason for Settings → Telemetry.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { verifyToken } from "@/lib/auth/api-tokens";
import { env } from "@/lib/env";
import { AppError, mapError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";
import { readLimitedBody } from "@/lib/http/read-body";
import { bodyDigest, type IngestResult } from "./ingest";
import { countRejectedRequest, type Signal } from "./ingest-counts";
import { OtlpDecodeError } from "./otlp-json";
import { encodeTraceResponseProtobuf } from "./otlp-protobuf";
import { ConcurrencyGate, TokenBuckets, type Admission } from "./overload";

export interface OtlpSignal {
  signal: Signal;
  /** partialSuccess's count field in OTLP/JSON: rejectedSpans, rejectedDataPoints. */
  rejectedField: string;
  decodeProtobuf: (body: Uint8Array) => unknown;
  ingest: (actor: Actor, body: unknown, digest: string) => Promise<IngestResult>;
}

export interface IngestLimits {
  gate: ConcurrencyGate;
  buckets: TokenBuckets;
}

let defaults: IngestLimits | null = null;
/** One gate and one set of token buckets per process, shared by both signals. */
function defaultLimits(): IngestLimits {
  const e = env();
  defaults ??= { gate: new ConcurrencyGate(e.EDGEWISE_INGEST_MAX_CONCURRENT), buckets: new TokenBuckets(e.EDGEWISE_INGEST_RATE_PER_TOKEN, e.EDGEWISE_INGEST_BURST_PER_TOKEN) };
  return defaults;
}

const REASONS: Record<number, string> = { 400: "malformed", 401: "unauthenticated", 403: "forbidden", 413: "too_large", 415: "unsupported_media_type", 503: "unavailable" };

function tooMany(admission: Admission, message: string): never {
  const retryAfterS = admission.ok ? 1 : admission.retryAfterS;
  throw new AppError("rate_limited", message, undefined, { "Retry-After": String(retryAfterS) });
}

/** google.rpc.Status {code = 1, message = 2}: OTLP's error body for protobuf requests. */
function statusProtobuf(grpcCode: number, message: string): Uint8Array {
  const text = Buffer.from(message, "utf8");
  const varint = (n: number) => {
    const out: number[] = [];
    for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
    out.push(n);
    return out;
  };
  return Uint8Array.from([0x08, ...varint(grpcCode), 0x12, ...varint(text.length), ...text]);
}
const GRPC_CODES: Record<number, number> = { 400: 3, 401: 16, 403: 7, 413: 8, 415: 3, 429: 8, 503: 14 };

/**
 * An answer the server must not gzip: it is a few bytes (most often `{}`), and compressing it cost
 * each exporter request a zlib stream. `no-transform` is the directive the server's compression honours.
 */
const plain = (body: Uint8Array<ArrayBuffer>, contentType: string) =>
  new NextResponse(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store, no-transform" } });

export function otlpRoute(spec: OtlpSignal, limits?: IngestLimits) {
  return async function POST(req: NextRequest): Promise<Response> {
    const { gate, buckets } = limits ?? defaultLimits();
    const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const protobuf = type === "application/x-protobuf";
    let rejection: string | null = null;
    const entered = gate.enter();
    try {
      if (!entered.ok) {
        rejection = "overloaded";
        tooMany(entered, "Too many OTLP requests in flight; retry shortly");
      }
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
      const actor = match?.[1] ? await verifyToken(match[1]) : null;
      if (!actor) throw new AppError("unauthenticated", "Send Authorization: Bearer <token> with the telemetry:write scope");
      const admitted = buckets.take(actor.tokenId ?? actor.userId);
      if (!admitted.ok) {
        rejection = "rate_limited";
        tooMany(admitted, "This token is sending faster than the configured rate (EDGEWISE_INGEST_RATE_PER_TOKEN)");
      }
      if (!protobuf && type !== "application/json") throw new AppError("unsupported_media_type", "Send OTLP as application/json or application/x-protobuf");
      const body = await readLimitedBody(req, env().EDGEWISE_INGEST_MAX_BYTES);
      let parsed: unknown;
      try {
        parsed = protobuf ? spec.decodeProtobuf(body) : JSON.parse(body.toString("utf8"));
      } catch (err) {
        if (err instanceof OtlpDecodeError) throw new AppError("bad_request", err.message);
        throw new AppError("bad_request", "The body is not valid JSON");
      }
      const result = await spec.ingest(actor, parsed, bodyDigest(body));
      // OTLP: 200 with the Export…ServiceResponse in the request's encoding; partialSuccess only when something was rejected.
      if (protobuf) return plain(new Uint8Array(encodeTraceResponseProtobuf(result.rejected, result.message)), "application/x-protobuf");
      return plain(new TextEncoder().encode(JSON.stringify(result.rejected ? { partialSuccess: { [spec.rejectedField]: String(result.rejected), errorMessage: result.message } } : {})), "application/json");
    } catch (err) {
      const mapped = mapError(err);
      const reason = rejection ?? REASONS[mapped.status];
      if (reason) countRejectedRequest(spec.signal, reason);
      if (!protobuf) return errorResponse(err);
      if (mapped.status >= 500 && mapped.status !== 503) console.error(err);
      const status = statusProtobuf(GRPC_CODES[mapped.status] ?? 13, mapped.body.error.message);
      return new NextResponse(Buffer.from(status), { status: mapped.status, headers: { ...mapped.headers, "Content-Type": "application/x-protobuf" } });
    } finally {
      if (entered.ok) gate.leave();
    }
  };
}
