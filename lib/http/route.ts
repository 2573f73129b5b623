// The one wrapper every route handler goes through: authenticate (token or session), guard
// cookie-authenticated writes against cross-site requests, parse and validate, map errors.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { verifyToken } from "@/lib/auth/api-tokens";
import { authorize, type Actor } from "@/lib/auth/actor";
import { canSomewhere, type Action } from "@/lib/auth/permissions";
import { sessionActor } from "@/lib/auth/session";
import { inWriteScope, noteWrite, withReader } from "@/lib/db/replicas";
import { AppError, mapError } from "@/lib/errors";
import { logged, type RequestNotes } from "./request-log";

const MAX_JSON_BYTES = 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface Spec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, R extends z.ZodType | undefined = undefined> {
  /** A function decides per request (e.g. from the environment). */
  auth?: "required" | "public" | (() => "required" | "public");
  /** Checked before the body is parsed; the data function still checks ownership. */
  action?: Action;
  body?: B;
  query?: Q;
  /**
   * What a success answers, from lib/http/responses: the schema the OpenAPI document shows for this
   * operation. The handler's answer must type-check against it (as JSON, Dates as strings), and a
   * test checks that it is the very schema api-operations documents.
   */
  response?: R;
}

/**
 * What a handler may return for a response schema's JSON: the same shape, where a Date may stand for
 * a string (JSON.stringify writes it as ISO-8601, which is what the schema's date-times ask for).
 */
export type AnswerFor<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? readonly AnswerFor<U>[]
    : T extends object
      ? { [K in keyof T]: AnswerFor<T[K]> }
      : T;

type JsonOf<R> = R extends z.ZodType ? AnswerFor<z.output<R>> : unknown;

/** A handler's answer: with a response schema, JSON of its shape (or a Response of its own, or nothing for 204). */
type Answer<R> = R extends z.ZodType ? JsonOf<R> | Response | undefined : unknown;

/** A route handler as Next calls it, carrying the spec it was made with (for the documentation test). */
export type RouteHandler = ReturnType<typeof logged> & { spec: { response?: z.ZodType } };

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface Ctx<B, Q, P, R = undefined> {
  req: NextRequest;
  actor: Actor;
  body: B;
  query: Q;
  params: P;
  /** A JSON answer with a status or headers of its own (ETag, Location…), typed by the response schema like a plain return. */
  reply: (data: JsonOf<R>, init?: { status?: number; headers?: Record<string, string> }) => Response;
}

async function authenticate(req: NextRequest): Promise<Actor> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await verifyToken(match[1]) : null;
    if (!actor) throw new AppError("unauthenticated", "The bearer token is invalid, expired or revoked");
    return actor;
  }
  const actor = await sessionActor();
  if (!actor) throw new AppError("unauthenticated", "Sign in or send Authorization: Bearer <token>");
  if (!SAFE_METHODS.has(req.method)) assertSameOrigin(req);
  return actor;
}

/** Cookies ride along on cross-site requests; a write with a session must come from our own pages. */
function assertSameOrigin(req: NextRequest) {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      /* malformed origin: refused below */
    }
    if (originHost !== host) throw new AppError("forbidden", "Cross-site request refused");
  } else if (req.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site request refused");
  }
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("unsupported_media_type", "Send the body as application/json");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new AppError("payload_too_large", `The body is larger than ${MAX_JSON_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new AppError("payload_too_large", `The body is larger than ${MAX_JSON_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
}

/** A JSON response with headers (ETag, Location…) for handlers that need more than the default. */
export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): NextResponse {
  return NextResponse.json(data, init);
}

export function errorResponse(err: unknown): NextResponse {
  const mapped = mapError(err);
  if (mapped.status >= 500 && mapped.status !== 503) console.error(err);
  return NextResponse.json(mapped.body, { status: mapped.status, headers: mapped.headers });
}

export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P = Record<string, string>, R extends z.ZodType | undefined = undefined>(
  spec: Spec<B, Q, R>,
  handler: (ctx: Ctx<Infer<B>, Infer<Q>, P, R>) => Promise<Answer<R>>,
): RouteHandler {
  const wrapped = logged((req: NextRequest, context: { params: Promise<P> }, notes) => handle(spec, handler, req, context, notes));
  return Object.assign(wrapped, { spec: { response: spec.response } }) as unknown as RouteHandler;
}

async function handle<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P, R extends z.ZodType | undefined>(
  spec: Spec<B, Q, R>,
  handler: (ctx: Ctx<Infer<B>, Infer<Q>, P, R>) => Promise<Answer<R>>,
  req: NextRequest,
  context: { params: Promise<P> },
  notes: RequestNotes,
): Promise<Response> {
  try {
    const auth = typeof spec.auth === "function" ? spec.auth() : spec.auth;
    const actor = auth === "public" ? (null as unknown as Actor) : await authenticate(req);
    notes.actorId = actor?.userId ?? null;
    if (auth !== "public" && spec.action && !canSomewhere(actor, spec.action)) authorize(actor, spec.action);
    const body = spec.body ? spec.body.parse(await readJson(req)) : undefined;
    const query = spec.query ? spec.query.parse(Object.fromEntries(req.nextUrl.searchParams)) : undefined;
    const params = (await context.params) ?? ({} as P);
    const ctx = { req, actor, body: body as Infer<B>, query: query as Infer<Q>, params, reply: json };
    // A write's own reads go to the primary; once it has committed, its LSN keeps this person's reads there until a replica has it.
    const writes = !SAFE_METHODS.has(req.method);
    const result = writes ? await inWriteScope(() => handler(ctx)) : await withReader(actor, () => handler(ctx));
    if (writes) await noteWrite(actor);
    if (result instanceof Response) return result;
    if (result === undefined) return new NextResponse(null, { status: 204 });
    return NextResponse.json(result, { status: req.method === "POST" ? 201 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}
