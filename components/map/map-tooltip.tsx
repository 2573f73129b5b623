// Hover card for the map: what an edge is (key, style, protocol, state) or who owns a service.
import styles from "./dependency-map.module.css";
import type { HoverTarget } from "./map-canvas";
import type { MapEdge, MapNode } from "./map-types";

const STATUS_LABEL: Record<MapEdge["status"], string> = { ok: "Within budget", warning: "At risk", breaching: "Breaching", "no-data": "No data", silent: "Silent" };

export function MapTooltip({ target, nodes, edges }: { target: HoverTarget; nodes: MapNode[]; edges: MapEdge[] }) {
  // Open towards the roomier side so the card never leaves the canvas.
  const position = {
    ...(target.x < target.width / 2 ? { left: target.x + 14 } : { right: target.width - target.x + 14 }),
    ...(target.y < target.height / 2 ? { top: target.y + 14 } : { bottom: target.height - target.y + 14 }),
  };
  if (target.kind === "edge") {
    const edge = edges.find((e) => e.id === target.key);
    if (!edge) return null;
    if (edge.count !== undefined) {
      const name = (id: string) => nodes.find((n) => n.id === id)?.label ?? id;
      return (
        <div className={styles.tooltip} style={position} role="tooltip" data-testid="map-tooltip">
          <div className={styles.tooltipTitle}>
            {name(edge.source)} → {name(edge.target)}
          </div>
          <div>{edge.protocol}</div>
          <div>
            <span className={styles.swatch} data-status={edge.status} aria-hidden /> Worst: {STATUS_LABEL[edge.status]}
          </div>
          <div className="muted">Click to open {name(edge.source)}</div>
        </div>
      );
    }
    return (
      <div className={styles.tooltip} style={position} role="tooltip" data-testid="map-tooltip">
        <div className={`mono ${styles.tooltipTitle}`}>{edge.id}</div>
        <div>
          {edge.style} · {edge.protocol} · {edge.lifecycle}
        </div>
        <div>
          <span className={styles.swatch} data-status={edge.status} aria-hidden /> {STATUS_LABEL[edge.status]}
        </div>
        <div className="muted">Click to open in the Catalog</div>
      </div>
    );
  }
  const node = nodes.find((n) => n.id === target.slug);
  if (!node) return null;
  if (node.services !== undefined)
    return (
      <div className={styles.tooltip} style={position} role="tooltip" data-testid="map-tooltip">
        <div className={styles.tooltipTitle}>{node.label}</div>
        <div>
          {node.services} service{node.services === 1 ? "" : "s"} · calls {edges.filter((e) => e.source === node.id && e.target !== node.id).length} teams
        </div>
        <div className="muted">Click to open the team</div>
      </div>
    );
  const outgoing = edges.filter((e) => e.source === node.id).length;
  const incoming = edges.filter((e) => e.target === node.id).length;
  return (
    <div className={styles.tooltip} style={position} role="tooltip" data-testid="map-tooltip">
      <div className={styles.tooltipTitle}>{node.label}</div>
      <div className="muted mono">{node.id}</div>
      <div>
        {node.teamName} · tier {node.tier}
      </div>
      <div>
        calls {outgoing} · called by {incoming}
      </div>
    </div>
  );
}
