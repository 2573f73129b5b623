// The data the dependency map draws: services as nodes, integration points as edges. Plain,
// serialisable shapes so a server component can pass them straight to the client map.
export interface MapNode {
  /** Service slug. */
  id: string;
  label: string;
  /** Team slug. */
  team: string;
  teamName: string;
  tier: number;
  /** Set on a team group (the map of a big estate): how many services it stands for. */
  services?: number;
}

export type MapEdgeStyle = "sync" | "async-event" | "async-command" | "async-queue" | "stream" | "hybrid";
export type MapEdgeLifecycle = "proposed" | "active" | "migrating" | "deprecated" | "retired";
export type MapEdgeStatus = "ok" | "warning" | "breaching" | "no-data" | "silent";

export interface MapEdge {
  /** Integration key, e.g. `checkout->payments:authorize`. */
  id: string;
  /** Source service slug. */
  source: string;
  /** Target service slug. */
  target: string;
  style: MapEdgeStyle;
  lifecycle: MapEdgeLifecycle;
  status: MapEdgeStatus;
  protocol: string;
  /** Set on an edge between team groups: how many integration points it stands for. */
  count?: number;
}

export interface MapJourney {
  slug: string;
  name: string;
  /** Integration keys on the journey. */
  keys: string[];
}

export interface MapTeam {
  slug: string;
  name: string;
}
