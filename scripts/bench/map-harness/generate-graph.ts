// Deterministic synthetic service estates for the map benchmark: layered services (edge → domain →
// platform), popular platform services, a realistic mix of styles and statuses, and a few journeys.
import type { MapEdge, MapJourney, MapNode } from "../../../components/map/dependency-map";

export interface GeneratedGraph {
  nodes: MapNode[];
  edges: MapEdge[];
  teams: { slug: string; name: string }[];
  journeys: MapJourney[];
}

/** A seeded PRNG so every run draws the same estate. */
import { prng as seededRandom } from "../../../lib/random";

export { seededRandom };

const WORDS = ["checkout", "payments", "orders", "catalog", "search", "pricing", "inventory", "shipping", "users", "auth", "ledger", "fraud", "notify", "reviews", "cart", "promo", "tax", "billing", "media", "profile"];
const STYLES: [MapEdge["style"], number][] = [["sync", 0.55], ["async-event", 0.15], ["async-command", 0.07], ["async-queue", 0.07], ["stream", 0.08], ["hybrid", 0.08]];
const STATUSES: [MapEdge["status"], number][] = [["ok", 0.74], ["warning", 0.12], ["breaching", 0.05], ["no-data", 0.09]];
const LIFECYCLES: [MapEdge["lifecycle"], number][] = [["active", 0.82], ["proposed", 0.05], ["migrating", 0.05], ["deprecated", 0.05], ["retired", 0.03]];
const PROTOCOLS: Record<MapEdge["style"], string[]> = {
  sync: ["http", "grpc", "graphql"],
  "async-event": ["kafka", "sns", "nats"],
  "async-command": ["amqp", "kafka"],
  "async-queue": ["sqs", "amqp"],
  stream: ["kafka", "pulsar", "websocket"],
  hybrid: ["http", "grpc"],
};

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let r = rand();
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

export function generateGraph(serviceCount: number, edgeCount: number, seed = 42): GeneratedGraph {
  const rand = seededRandom(seed);
  const teamCount = Math.max(2, Math.round(serviceCount / 12));
  const teams = Array.from({ length: teamCount }, (_, i) => ({ slug: `team-${i + 1}`, name: `Team ${WORDS[i % WORDS.length]} ${Math.floor(i / WORDS.length) + 1}` }));
  const nodes: MapNode[] = Array.from({ length: serviceCount }, (_, i) => {
    const team = teams[Math.floor(rand() * teamCount)]!;
    const slug = `${WORDS[i % WORDS.length]}-${i + 1}`;
    // Layer 0: edge/BFF (10 %), 1: domain (60 %), 2: platform (30 %); lower tier number = more critical.
    const tier = 1 + Math.floor(rand() * 3);
    return { id: slug, label: slug.replace(/-/g, " "), team: team.slug, teamName: team.name, tier };
  });
  const layerOf = (i: number) => (i < serviceCount * 0.1 ? 0 : i < serviceCount * 0.7 ? 1 : 2);
  // Popularity: a few platform services receive many calls (power law).
  const popularity = nodes.map((_, i) => (layerOf(i) === 2 ? 1 / (1 + ((i * 7) % 23)) : 0.2) + rand() * 0.05);
  const totalPop = popularity.reduce((a, b) => a + b, 0);
  const byTeam = new Map<string, number[]>();
  nodes.forEach((node, i) => byTeam.set(node.team, [...(byTeam.get(node.team) ?? []), i]));
  // Real estates cluster: about half the calls stay inside the owning team, most of the rest go to
  // popular platform services, and a few cross teams at random.
  const pickTarget = (from: number): number => {
    const roll = rand();
    if (roll < 0.5) {
      const mates = byTeam.get(nodes[from]!.team)!.filter((j) => j !== from);
      if (mates.length) return mates[Math.floor(rand() * mates.length)]!;
    }
    if (roll < 0.85) {
      for (let attempt = 0; attempt < 20; attempt++) {
        let r = rand() * totalPop;
        let j = 0;
        for (; j < serviceCount - 1; j++) {
          r -= popularity[j]!;
          if (r <= 0) break;
        }
        if (j !== from && layerOf(j) >= layerOf(from)) return j;
      }
    }
    return (from + 1 + Math.floor(rand() * (serviceCount - 1))) % serviceCount;
  };
  const edges: MapEdge[] = [];
  const seen = new Set<string>();
  let n = 0;
  while (edges.length < edgeCount && n < edgeCount * 20) {
    n++;
    const s = Math.floor(rand() * serviceCount * 0.95); // platform tail calls less
    const t = pickTarget(s);
    const source = nodes[s]!.id;
    const target = nodes[t]!.id;
    const style = pick(rand, STYLES);
    const protocols = PROTOCOLS[style];
    const op = ["get", "create", "update", "publish", "authorize", "reserve", "sync", "notify"][Math.floor(rand() * 8)]!;
    const id = `${source}->${target}:${op}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, source, target, style, lifecycle: pick(rand, LIFECYCLES), status: pick(rand, STATUSES), protocol: protocols[Math.floor(rand() * protocols.length)]! });
  }
  // Journeys: walk outgoing edges from an edge-layer service.
  const out = new Map<string, MapEdge[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const journeys: MapJourney[] = [];
  for (let j = 0; j < Math.min(6, Math.ceil(serviceCount / 40)); j++) {
    let at = nodes[Math.floor(rand() * Math.max(1, serviceCount * 0.1))]!.id;
    const keys: string[] = [];
    for (let step = 0; step < 7; step++) {
      const options = (out.get(at) ?? []).filter((e) => !keys.includes(e.id));
      const next = options[Math.floor(rand() * options.length)];
      if (!next) break;
      keys.push(next.id);
      at = next.target;
    }
    if (keys.length) journeys.push({ slug: `journey-${j + 1}`, name: `Journey ${j + 1}`, keys });
  }
  return { nodes, edges, teams, journeys };
}
