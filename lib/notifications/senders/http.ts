// One HTTP attempt for every channel kind: POST with a per-attempt timeout, the duration measured, and
// the answer classified into an AttemptOutcome (ok / retry / give up, and any Retry-After).
import type { AttemptOutcome } from "../types";

export const USER_AGENT = "Edgewise-Notifications/0.1 (+https://github.com/edgewise)";

/** What a payload builder produces: the exact bytes to send and where. Pure data, unit-tested. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Read at most this much of an answer: enough for an error message, bounded for a hostile receiver. */
const MAX_ANSWER_BYTES = 4096;
const ERROR_SNIPPET_CHARS = 200;

/** Statuses worth retrying: 408 Request Timeout, 429 Too Many Requests and every 5xx. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfterMs(value: string | null | undefined, now: Date): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // The three HTTP-date forms (IMF-fixdate, RFC 850, asctime — the last is in GMT without saying so);
  // matching them first keeps numbers like "1.5" or "-3" away from Date.parse's guesses.
  let at: number;
  if (/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text) || /^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/.test(text)) at = Date.parse(text);
  else if (/^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(text)) at = Date.parse(`${text} GMT`);
  else return null;
  return Number.isNaN(at) ? null : at - now.getTime();
}

/** Network errors worth retrying; a malformed URL or an unsupported scheme is not one of them. */
const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

function networkError(err: unknown): { retry: boolean; error: string } {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  const code = cause?.code;
  if (code && RETRYABLE_CODES.has(code)) {
    const what = code === "ECONNRESET" || code === "UND_ERR_SOCKET" ? "connection reset" : code === "ECONNREFUSED" ? "connection refused" : "network error";
    return { retry: true, error: `${what} (${code}${cause?.message ? `: ${cause.message}` : ""})` };
  }
  const message = cause?.message ?? (err instanceof Error ? err.message : String(err));
  // Unknown transport failures are retried: dropping an alert for a glitch is worse than one more try.
  return { retry: true, error: `network error (${code ?? "unknown"}: ${message})` };
}

async function readSnippet(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim().slice(0, ERROR_SNIPPET_CHARS);
}

function invalidUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? null : `unsupported URL scheme ${parsed.protocol}`;
  } catch {
    return "invalid URL";
  }
}

/** Sends one request; never throws. The timeout covers connecting, the answer's headers and its (bounded) body. */
export async function post(request: OutgoingRequest, timeoutMs: number, now: () => Date = () => new Date()): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const bad = invalidUrl(request.url);
  if (bad) return { ok: false, retry: false, status: null, error: bad, durationMs: 0, retryAfterMs: null };

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      // A redirect is not followed: a POST must not silently land somewhere else (or somewhere internal).
      redirect: "manual",
    });
    const snippet = await readSnippet(response);
    const durationMs = elapsed();
    const status = response.status;
    if (status >= 200 && status < 300) return { ok: true, status, durationMs };
    const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), now());
    if (status >= 300 && status < 400) {
      const to = response.headers.get("location");
      return { ok: false, retry: false, status, error: `HTTP ${status}: redirect${to ? ` to ${to}` : ""} not followed; point the channel at the final URL`, durationMs, retryAfterMs };
    }
    return { ok: false, retry: retryableStatus(status), status, error: `HTTP ${status}${snippet ? `: ${snippet}` : ""}`, durationMs, retryAfterMs };
  } catch (err) {
    const durationMs = elapsed();
    if (controller.signal.aborted) return { ok: false, retry: true, status: null, error: `timed out after ${timeoutMs} ms`, durationMs, retryAfterMs: null };
    return { ok: false, ...networkError(err), status: null, durationMs, retryAfterMs: null };
  } finally {
    clearTimeout(timer);
  }
}
