import { CatalogNav } from "@/components/catalog/catalog-nav";
import { DependencyMap } from "@/components/map/dependency-map";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { catalogGraph, mapScopeSchema } from "@/lib/catalog/graph";
import { listJourneys } from "@/lib/governance/journeys";

export const metadata = { title: "Dependency map" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function MapPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireSession("catalog:read", "/catalog/map");
  const raw = await searchParams;
  // The server cuts the graph to the view (a big estate comes grouped by team); unknown values are ignored.
  const parsed = mapScopeSchema.safeParse({ team: one(raw.team), journey: one(raw.journey), focus: one(raw.focus), hops: one(raw.hops), group: one(raw.group), system: one(raw.system) });
  const scope = parsed.success ? parsed.data : {};
  const [graph, journeys] = await Promise.all([catalogGraph(actor, scope), listJourneys(actor)]);
  return (
    <>
      <PageHeader title="Dependency map" description="Services and the integration points between them: solid lines are synchronous, dashed asynchronous." />
      <CatalogNav />
      <DependencyMap
        nodes={graph.nodes}
        edges={graph.edges}
        teams={graph.teams}
        mode={graph.mode}
        totals={graph.totals}
        focus={graph.focus}
        journeys={journeys.map((j) => ({ slug: j.slug, name: j.name, keys: j.steps }))}
      />
    </>
  );
}
