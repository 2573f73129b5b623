import { CatalogNav } from "@/components/catalog/catalog-nav";
import { DependencyMap } from "@/components/map/dependency-map";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { catalogGraph } from "@/lib/catalog/graph";
import { listJourneys } from "@/lib/governance/journeys";

export const metadata = { title: "Dependency map" };

export default async function MapPage() {
  const actor = await requireSession("catalog:read", "/catalog/map");
  const [graph, journeys] = await Promise.all([catalogGraph(actor), listJourneys(actor)]);
  return (
    <>
      <PageHeader title="Dependency map" description="Services and the integration points between them: solid lines are synchronous, dashed asynchronous." />
      <CatalogNav />
      <DependencyMap
        nodes={graph.nodes}
        edges={graph.edges}
        teams={graph.teams}
        journeys={journeys.map((j) => ({ slug: j.slug, name: j.name, keys: j.steps }))}
      />
    </>
  );
}
