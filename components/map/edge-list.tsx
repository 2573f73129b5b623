// The edges in view as a list of links: the canvas cannot be reached by keyboard or read by a screen
// reader, so the same integration points are offered here (folded away by default).
import Link from "next/link";
import { groupSystem, groupTeam } from "./graph-view";
import type { MapEdge, MapNode } from "./map-types";

export function EdgeList({ edges, focus, nodes }: { edges: MapEdge[]; focus: Set<string>; nodes: MapNode[] }) {
  const inView = edges.filter((e) => focus.has(e.id));
  const name = (id: string) => nodes.find((n) => n.id === id)?.label ?? id;
  const groups = inView.some((e) => e.count !== undefined);
  const bySystem = inView.some((e) => groupSystem(e.source) !== null);
  /** A pair opens its source group: a team, a system, or (the services naming no system) the estate grouped by team. */
  const openHref = (source: string) => {
    const system = groupSystem(source);
    if (system === null) return `/catalog/map?team=${encodeURIComponent(groupTeam(source) ?? "")}`;
    return system ? `/catalog/map?group=system&system=${encodeURIComponent(system)}` : "/catalog/map?group=team";
  };
  return (
    <details style={{ marginTop: ".75rem" }}>
      <summary>{groups ? `List the ${inView.length} pairs of ${bySystem ? "systems" : "teams"} in view` : `List the ${inView.length} integration points in view`}</summary>
      <ul data-testid="map-edge-list" style={{ columns: "18rem", margin: ".5rem 0 0", paddingLeft: "1.2rem" }}>
        {inView.map((e) =>
          e.count !== undefined ? (
            <li key={e.id} data-testid="map-group-edge" data-key={e.id}>
              <Link href={openHref(e.source)}>
                {name(e.source)} → {name(e.target)}
              </Link>{" "}
              <span className="muted">{e.protocol}</span>
            </li>
          ) : (
            <li key={e.id} data-testid="map-edge" data-key={e.id}>
              <Link href={`/catalog/${encodeURIComponent(e.id)}`} className="mono">
                {e.id}
              </Link>{" "}
              <span className="muted">
                {e.style} · {e.protocol}
              </span>
            </li>
          ),
        )}
      </ul>
    </details>
  );
}
