// Calls the real route handlers in process, as a bearer-token client would over HTTP: the operation
// path a concrete path belongs to picks the route file (app/api/teams/[slug]/route.ts for /api/teams/x).
import path from "node:path";
import { NextRequest } from "next/server";
import { operations } from "@/lib/http/api-operations";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const moduleCache = new Map<string, Promise<Record<string, Handler>>>();
/** The route file of an operation path, imported once. */
export function routeModule(template: string) {
  const file = path.resolve("app", `.${template.replace(/\{(\w+)\}/g, "[$1]")}`, "route.ts");
  if (!moduleCache.has(file)) moduleCache.set(file, import(/* @vite-ignore */ file) as Promise<Record<string, Handler>>);
  return moduleCache.get(file)!;
}

const templates = [...new Set(operations.map((o) => o.path))].sort((a, b) => a.split("{").length - b.split("{").length);

/** The operation path a concrete path belongs to, with its parameters (literal segments win over parameters). */
export function resolveOperation(method: string, concrete: string): { template: string; params: Record<string, string> } {
  const pathname = concrete.split("?")[0]!;
  for (const template of templates) {
    if (!operations.some((o) => o.path === template && o.method === method)) continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}/g, (_m, n: string) => (names.push(n), "([^/]+)"))}$`);
    const m = pattern.exec(pathname);
    if (m) return { template, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  throw new Error(`No operation for ${method} ${concrete}`);
}

export interface InProcessResult {
  status: number;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: unknown;
  headers: Headers;
}

/** One request to the route handler of `method concrete`, authenticated with a bearer token. */
export async function callRoute(token: string, method: string, concrete: string, body?: unknown, headers: Record<string, string> = {}): Promise<InProcessResult> {
  const { template, params } = resolveOperation(method, concrete);
  const handler = (await routeModule(template))[method];
  if (!handler) throw new Error(`${template} exports no ${method}`);
  const req = new NextRequest(`http://localhost${concrete}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
