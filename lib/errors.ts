// One error type with a code, and the one mapping from errors to HTTP statuses and the API error shape.
import { ZodError } from "zod";

export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

function prismaCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "string") {
    const name = (err as { name?: unknown }).name;
    if (typeof name === "string" && name.startsWith("PrismaClient")) return err.code;
  }
  return undefined;
}

export function isDatabaseDown(err: unknown): boolean {
  // Prisma's driver adapter puts the PostgreSQL SQLSTATE on `cause` (e.g. 57P03 while the server shuts down or starts up).
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  const code = prismaCode(err) ?? (err as { code?: unknown } | null)?.code ?? cause?.code;
  if (code === "P1001" || code === "P1002" || code === "P1017" || code === "ECONNREFUSED" || code === "57P01" || code === "57P02" || code === "57P03") return true;
  const message = err instanceof Error ? err.message : "";
  return /ECONNREFUSED|Connection terminated|Can't reach database|terminating connection|the database system is (shutting down|starting up|in recovery)|Client has encountered a connection error/i.test(message);
}

/** The SQLSTATEs an error carries, wherever Prisma and its driver adapter put them. */
export function sqlStates(err: unknown): unknown[] {
  const e = err as { code?: unknown; cause?: { code?: unknown }; meta?: { code?: unknown; driverAdapterError?: { cause?: { code?: unknown } } } } | null;
  return [e?.code, e?.cause?.code, e?.meta?.code, e?.meta?.driverAdapterError?.cause?.code];
}

/** Maps any thrown value to a status and the `{error:{code,message,details}}` body of the API contract. */
export function mapError(err: unknown): MappedError {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: errorStatus[err.code], body, headers: err.headers };
  }
  if (err instanceof ZodError) {
    return {
      status: 422,
      body: {
        error: {
          code: "validation_failed",
          message: err.issues
            .slice(0, 3)
            .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
            .join("; "),
          details: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        },
      },
    };
  }
  const code = prismaCode(err);
  if (code === "P2002") {
    const target = (err as { meta?: { target?: unknown } }).meta?.target;
    const fields = Array.isArray(target) ? target.join(", ") : typeof target === "string" ? target : "a unique field";
    return { status: 409, body: { error: { code: "conflict", message: `Already exists: ${fields} must be unique` } } };
  }
  // P2003, or PostgreSQL's own restrict_violation / foreign_key_violation through the driver adapter.
  if (code === "P2003" || sqlStates(err).some((s) => s === "23001" || s === "23503")) {
    return { status: 409, body: { error: { code: "conflict", message: "Other records still refer to this one; remove or move them first" } } };
  }
  if (code === "P2025") {
    return { status: 404, body: { error: { code: "not_found", message: "Not found" } } };
  }
  // PostgreSQL refuses NUL (and bytes it cannot store) in text: the input is at fault, not the server.
  if (sqlStates(err).some((s) => s === "22021" || s === "22P05")) {
    return { status: 400, body: { error: { code: "bad_request", message: "Text may not contain NUL (\\u0000) or other characters that cannot be stored" } } };
  }
  if (isDatabaseDown(err)) {
    return {
      status: 503,
      body: { error: { code: "unavailable", message: "The database is unavailable; try again shortly" } },
      headers: { "Retry-After": "5" },
    };
  }
  return { status: 500, body: { error: { code: "internal", message: "Internal error" } } };
}
