// Structured request logs: one JSON line per answered API request (pino, on stdout) with method,
// documented route, path, status, duration, actor, request id and the W3C trace context of the
// caller's `traceparent`, so a log pipeline can join a slow answer to the caller's trace. The
// request id is the caller's `X-Request-Id` when it is a sane token, else a new one; it is echoed.
import "server-only";
import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { recordHttpRequest, routeLabel } from "@/lib/metrics/registry";

let logger: Logger | null = null;

function requestLogger(): Logger {
  const e = env();
  logger ??= pino({ level: e.EDGEWISE_LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"), base: { service: "edgewise" }, timestamp: pino.stdTimeFunctions.isoTime });
  return logger;
}

/** The same JSON log for events that are not one request's line (an OIDC sign-in's teams), tagged with their source. */
export function serverLog(component: string): Logger {
  return requestLogger().child({ component });
}

/** Sends the request log to `destination` at `level` (tests read it); without arguments, back to stdout from the environment. */
export function useRequestLog(destination?: DestinationStream, level = "info"): void {
  logger = destination ? pino({ level, base: { service: "edgewise" }, timestamp: pino.stdTimeFunctions.isoTime }, destination) : null;
}

/** traceparent `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`, neither id all zeros (W3C Trace Context, level 1). */
export function parseTraceparent(header: string | null): { traceId: string; spanId: string; sampled: boolean } | null {
  const m = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/.exec((header ?? "").trim());
  if (!m || m[1] === "ff" || (m[1] === "00" && m[5] !== undefined)) return null;
  if (/^0+$/.test(m[2]!) || /^0+$/.test(m[3]!)) return null;
  return { traceId: m[2]!, spanId: m[3]!, sampled: (parseInt(m[4]!, 16) & 1) === 1 };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What a handler tells the log about the request it answered. */
export interface RequestNotes {
  actorId: string | null;
}

/**
 * Wraps an App Router handler: times it, counts it for /metrics, logs it, echoes X-Request-Id.
 * The handler fills `notes` (the actor once authenticated).
 */
export function logged<R extends Request & { nextUrl: URL }, C>(handler: (req: R, context: C, notes: RequestNotes) => Promise<Response>) {
  // The context is optional so the OTLP routes, which Next calls without params, are called alike in tests.
  return async (req: R, context?: C): Promise<Response> => {
    const started = performance.now();
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const notes: RequestNotes = { actorId: null };
    const response = await handler(req, context as C, notes);
    const seconds = (performance.now() - started) / 1000;
    const path = req.nextUrl.pathname;
    recordHttpRequest(req.method, path, response.status, seconds);
    const trace = parseTraceparent(req.headers.get("traceparent"));
    const entry = {
      method: req.method,
      route: routeLabel(req.method, path),
      path,
      status: response.status,
      durationMs: Math.round(seconds * 10_000) / 10,
      actorId: notes.actorId,
      requestId,
      ...(trace && { traceId: trace.traceId, spanId: trace.spanId }),
    };
    const log = requestLogger();
    if (response.status >= 500) log.error(entry, "request failed");
    else log.info(entry, "request");
    try {
      response.headers.set("X-Request-Id", requestId);
    } catch {
      // A response with immutable headers (a fetch passthrough) keeps them; the log still has the id.
    }
    return response;
  };
}
