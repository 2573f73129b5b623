// Prometheus scrapes this: Edgewise's own health and the estate's SLO figures in the text exposition
// format. A token with metrics:read (or a session), or open to all with EDGEWISE_METRICS_PUBLIC=1.
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";
import { registerEstateMetrics } from "@/lib/metrics/estate-metrics";
import { metricsState } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

const auth = () => (env().EDGEWISE_METRICS_PUBLIC === "1" ? "public" : "required");

export const GET = route({ auth, action: "metrics:read" }, async () => {
  const { registry, ready } = metricsState();
  registerEstateMetrics(registry);
  await ready;
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
