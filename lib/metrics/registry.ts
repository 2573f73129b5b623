// Edgewise's own Prometheus metrics: one prom-client registry per process (kept on globalThis, so
// every route bundle records into the same one), with the process's default metrics and HTTP
// requests by documented route, method and status.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { routeMatcher, type RouteMatcher } from "./route-label";

interface MetricsState {
  registry: Registry;
  requests: Counter<"route" | "method" | "status">;
  duration: Histogram<"route" | "method">;
  matcher: RouteMatcher | null;
  /** Requests seen before the route list was loaded (the first moments after start), bounded. */
  pending: [string, string, number, number][];
  /** Settles once the route list is loaded and the pending requests are counted. */
  ready: Promise<void>;
}

const MAX_PENDING = 1000;
const store = globalThis as unknown as { edgewiseMetrics?: MetricsState };

function create(): MetricsState {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Gauges named like counters, which promtool's lint refuses; the per-type gauges beside them stay.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
  const state: MetricsState = {
    registry,
    requests: new Counter({ name: "edgewise_http_requests_total", help: "HTTP requests answered, by documented route, method and status", labelNames: ["route", "method", "status"], registers: [registry] }),
    duration: new Histogram({
      name: "edgewise_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by documented route and method",
      labelNames: ["route", "method"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    matcher: null,
    pending: [],
    ready: Promise.resolve(),
  };
  // Loaded lazily: the operation list imports most of lib/, which the route wrapper must not import eagerly.
  state.ready = import("@/lib/http/api-operations").then(({ operations }) => {
    state.matcher = routeMatcher(operations);
    for (const [method, pathname, status, seconds] of state.pending.splice(0)) observe(state, method, pathname, status, seconds);
  });
  return state;
}

export function metricsState(): MetricsState {
  store.edgewiseMetrics ??= create();
  return store.edgewiseMetrics;
}

function observe(state: MetricsState, method: string, pathname: string, status: number, seconds: number) {
  if (!state.matcher) {
    if (state.pending.length < MAX_PENDING) state.pending.push([method, pathname, status, seconds]);
    return;
  }
  const route = state.matcher(method, pathname);
  state.requests.inc({ route, method, status: String(status) });
  state.duration.observe({ route, method }, seconds);
}

/** Counts one answered request (the route wrapper and the OTLP routes call it). */
export function recordHttpRequest(method: string, pathname: string, status: number, seconds: number): void {
  observe(metricsState(), method, pathname, status, seconds);
}

/** The documented route a request matched, as the metrics label it (its pathname until the route list is loaded). */
export function routeLabel(method: string, pathname: string): string {
  const state = metricsState();
  return state.matcher ? state.matcher(method, pathname) : pathname;
}
