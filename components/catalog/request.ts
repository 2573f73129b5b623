// Browser-side writes to the integrations API. Like lib/client/fetch-json, but it can send If-Match
// (optimistic concurrency) and read the ETag a write returns.
import { ApiError } from "@/lib/client/fetch-json";

export interface WriteResult<T> {
  data: T;
  etag: string | null;
}

export async function writeJson<T>(url: string, init: { method: "POST" | "PATCH" | "DELETE"; body?: unknown; ifMatch?: string }): Promise<WriteResult<T>> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (init.ifMatch) headers["If-Match"] = init.ifMatch;
  const res = await fetch(url, { method: init.method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const data = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string; details?: unknown } }) | null;
  if (!res.ok) {
    const error = (data as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, error?.code ?? "http_error", error?.message ?? `Request failed (${res.status})`, error?.details);
  }
  return { data: data as T, etag: res.headers.get("etag") };
}

/** Field-level problems from a 422, as `{ path, message }` (the API's `details`). */
export function detailsOf(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.flatMap((d: unknown) => {
    const x = d as { path?: unknown; message?: unknown };
    return typeof x.message === "string" ? [{ path: typeof x.path === "string" ? x.path : "", message: x.message }] : [];
  });
}
