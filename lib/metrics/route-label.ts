// Which documented route a request path belongs to (pure), so HTTP metrics carry `/api/services/{slug}`
// rather than one label value per slug: the label set stays bounded whatever clients send.

export type RouteMatcher = (method: string, pathname: string) => string;

/** Paths not in the list (pages, assets, unknown routes) share one value each for pages and the rest. */
export const OTHER_API = "other-api";
export const PAGE = "page";

/**
 * A matcher over OpenAPI-style templates (`/api/decisions/{number}`). Literal segments win over
 * parameters (`/api/decisions/inbox` is not `{number}`), then the method must be one the path serves.
 */
export function routeMatcher(routes: readonly { method: string; path: string }[]): RouteMatcher {
  const compiled = [...new Set(routes.map((r) => r.path))]
    .map((path) => {
      const segments = path.split("/").filter(Boolean);
      return { path, segments, params: segments.filter((s) => s.startsWith("{")).length };
    })
    .sort((a, b) => a.params - b.params || b.segments.length - a.segments.length);
  return (_method, pathname) => {
    const parts = pathname.split("/").filter(Boolean);
    for (const c of compiled) {
      if (c.segments.length !== parts.length) continue;
      if (c.segments.every((s, i) => s.startsWith("{") || s === parts[i])) return c.path;
    }
    return pathname.startsWith("/api/") || pathname.startsWith("/v1/") ? OTHER_API : PAGE;
  };
}
