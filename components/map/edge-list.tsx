// The edges in view as a list of links: the canvas cannot be reached by keyboard or read by a screen
// reader, so the same integration points are offered here (folded away by default).
import Link from "next/link";
import type { MapEdge } from "./map-types";

export function EdgeList({ edges, focus }: { edges: MapEdge[]; focus: Set<string> }) {
  const inView = edges.filter((e) => focus.has(e.id));
  return (
    <details style={{ marginTop: ".75rem" }}>
      <summary>List the {inView.length} integration points in view</summary>
      <ul data-testid="map-edge-list" style={{ columns: "18rem", margin: ".5rem 0 0", paddingLeft: "1.2rem" }}>
        {inView.map((e) => (
          <li key={e.id} data-testid="map-edge" data-key={e.id}>
            <Link href={`/catalog/${encodeURIComponent(e.id)}`} className="mono">
              {e.id}
            </Link>{" "}
            <span className="muted">
              {e.style} · {e.protocol}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
