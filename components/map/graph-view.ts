// Which services and integration points the map shows, emphasises or fades for a team/journey
// filter. Pure, so the filtering rules are unit-tested apart from the canvas.
import type { MapEdge, MapJourney, MapNode, MapTeam } from "./map-types";

export interface MapFilter {
  team: string | null;
  journey: string | null;
  /** A service slug: the map shows its neighbourhood, `hops` calls out (the server cuts it). */
  focus: string | null;
  hops: string | null;
  /** "team", "system" or "none": how the whole estate is drawn; automatic (by size) when null. */
  group: string | null;
  /** A Backstage system opened from the grouped-by-system view (the server cuts it). */
  system: string | null;
}

/** No filter at all: what a page starts from before its URL and initial team or journey. */
export const NO_FILTER: MapFilter = { team: null, journey: null, focus: null, hops: null, group: null, system: null };

export interface MapView {
  /** Layout identity: views with the same key draw the same elements, so they share positions. */
  layoutKey: string;
  /** Drawn at all; everything else is hidden. */
  shownNodes: Set<string>;
  shownEdges: Set<string>;
  /** Drawn at full strength (and counted); shown elements outside these are faded. */
  focusNodes: Set<string>;
  focusEdges: Set<string>;
  /** The selected team's own services, drawn filled. */
  teamNodes: Set<string>;
  /** Journey keys that are on the catalog but not in the current view (another team, or not drawn). */
  journeyKeysOutsideView: number;
}

type ParamReader = { get(name: string): string | null };
const FILTER_KEYS = ["team", "journey", "focus", "hops", "group", "system"] as const;

/**
 * Reads ?team=&journey=. A missing parameter falls back to the page's initial filter; an empty one
 * (`?team=`) means "explicitly all", so clearing a filter survives a reload or a shared link.
 */
export function filterFromParams(params: ParamReader, initial: MapFilter): MapFilter {
  const read = (key: keyof MapFilter) => {
    const value = params.get(key);
    return value === null ? initial[key] : value || null;
  };
  return { team: read("team"), journey: read("journey"), focus: read("focus"), hops: read("hops"), group: read("group"), system: read("system") };
}

/** The query string for `next`, keeping any other parameters of `current`. */
export function filterQuery(current: string, next: MapFilter, initial: MapFilter): string {
  const params = new URLSearchParams(current);
  for (const key of FILTER_KEYS) {
    const value = next[key];
    if (value) params.set(key, value);
    else if (initial[key]) params.set(key, "");
    else params.delete(key);
  }
  return params.toString();
}

/** Drops filter values that name no known team or journey, so a stale shared link shows everything. */
export function normaliseFilter(filter: MapFilter, teams: MapTeam[], journeys: MapJourney[]): MapFilter {
  return {
    ...filter,
    team: filter.team && teams.some((t) => t.slug === filter.team) ? filter.team : null,
    journey: filter.journey && journeys.some((j) => j.slug === filter.journey) ? filter.journey : null,
  };
}

/** A team group's node id (the server's teamGroupId), and the team it stands for. */
export const groupTeam = (id: string): string | null => (id.startsWith("team:") ? id.slice(5) : null);
/** A system group's node id (the server's systemGroupId): the system, "" for the services that name none, null for no system group. */
export const groupSystem = (id: string): string | null => (id.startsWith("system:") ? id.slice(7) : null);

/** Edges whose endpoints are both known services; an edge to an unknown service cannot be drawn. */
export function drawableEdges(nodes: MapNode[], edges: MapEdge[]): MapEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  return edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}

/**
 * Team filter: the team's services, their direct neighbours (either direction) and the edges that
 * touch the team; everything else is hidden. Journey filter: within what is shown, the journey's
 * edges and their endpoints are focused and the rest faded.
 */
export function computeView(nodes: MapNode[], edges: MapEdge[], journeys: MapJourney[], filter: MapFilter): MapView {
  const drawable = drawableEdges(nodes, edges);
  const teamNodes = new Set(filter.team ? nodes.filter((n) => n.team === filter.team).map((n) => n.id) : []);
  // A focused service is drawn filled like a team's own, so the centre of its neighbourhood stands out.
  if (filter.focus && nodes.some((n) => n.id === filter.focus)) teamNodes.add(filter.focus);

  let shownNodes: Set<string>;
  let shownEdgeList: MapEdge[];
  if (filter.team) {
    shownEdgeList = drawable.filter((e) => teamNodes.has(e.source) || teamNodes.has(e.target));
    shownNodes = new Set(teamNodes);
    for (const e of shownEdgeList) {
      shownNodes.add(e.source);
      shownNodes.add(e.target);
    }
  } else {
    shownEdgeList = drawable;
    shownNodes = new Set(nodes.map((n) => n.id));
  }
  const shownEdges = new Set(shownEdgeList.map((e) => e.id));

  const journey = filter.journey ? journeys.find((j) => j.slug === filter.journey) : undefined;
  let focusNodes = shownNodes;
  let focusEdges = shownEdges;
  let journeyKeysOutsideView = 0;
  if (journey) {
    const keys = new Set(journey.keys);
    const onJourney = shownEdgeList.filter((e) => keys.has(e.id));
    focusEdges = new Set(onJourney.map((e) => e.id));
    focusNodes = new Set(onJourney.flatMap((e) => [e.source, e.target]));
    journeyKeysOutsideView = keys.size - focusEdges.size;
  }
  // Server-cut views (a focus, a grouping) draw other elements: they get layouts of their own.
  const layoutKey = [filter.team ?? "*", filter.focus ?? "", filter.hops ?? "", filter.group ?? "", filter.system ?? ""].join("|");
  return { layoutKey, shownNodes, shownEdges, focusNodes, focusEdges, teamNodes, journeyKeysOutsideView };
}
