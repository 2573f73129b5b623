"use client";
// The dependency map: services as nodes, integration points as edges, filtered by team or journey
// (kept in the URL), drawn on a canvas by Cytoscape with an fCoSE force layout.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type JSX } from "react";
import styles from "./dependency-map.module.css";
import { computeView, drawableEdges, groupSystem, groupTeam, normaliseFilter, type MapView } from "./graph-view";
import type { HoverTarget, MapCanvas } from "./map-canvas";
import { EdgeList } from "./edge-list";
import { MapLegend } from "./map-legend";
import { readTheme } from "./map-style";
import type { MapEdge, MapJourney, MapNode, MapTeam } from "./map-types";
import { MapTooltip } from "./map-tooltip";
import { useMapFilter } from "./use-map-filter";
import { MAP_GROUP_ABOVE, MAX_FOCUS_HOPS } from "@/lib/catalog/map-limits";
import { plural } from "@/lib/format/plural";

export type { MapEdge, MapJourney, MapNode, MapTeam } from "./map-types";

export interface DependencyMapProps {
  nodes: MapNode[];
  edges: MapEdge[];
  teams: MapTeam[];
  journeys: MapJourney[];
  /** How the server cut the data (lib/catalog/graph.ts): a big estate comes grouped by team (or by system, when asked). */
  mode?: "estate" | "grouped" | "grouped-system" | "team" | "system" | "journey" | "focus";
  /** The whole estate's size, for the summary of a cut view. */
  totals?: { services: number; integrations: number };
  /** The focused service and hops the server drew; null when ?focus= named no service. */
  focus?: { service: string; hops: number } | null;
  /** Used when the URL has no ?team= (e.g. the signed-in user's team). */
  initialTeam?: string | null;
  initialJourney?: string | null;
}

type Phase = "loading" | "ready" | "error";

export function DependencyMap({ nodes, edges, teams, journeys, mode = "estate", totals, focus = null, initialTeam = null, initialJourney = null }: DependencyMapProps): JSX.Element {
  const router = useRouter();
  const [rawFilter, setFilter] = useMapFilter(initialTeam, initialJourney);
  const filter = useMemo(() => normaliseFilter(rawFilter, teams, journeys), [rawFilter, teams, journeys]);
  const drawable = useMemo(() => drawableEdges(nodes, edges), [nodes, edges]);
  const view = useMemo(() => computeView(nodes, drawable, journeys, filter), [nodes, drawable, journeys, filter]);
  // Nothing declared at all (a cut view without edges still draws its services).
  const empty = totals ? totals.integrations === 0 : drawable.length === 0;
  const grouped = mode === "grouped" || mode === "grouped-system";
  const [focusInput, setFocusInput] = useState(filter.focus ?? "");
  useEffect(() => setFocusInput(filter.focus ?? ""), [filter.focus]);

  const containerRef = useRef<HTMLDivElement>(null);
  const [canvas, setCanvas] = useState<MapCanvas | null>(null);
  const [phase, setPhase] = useState<Phase>("loading");
  // The view the canvas last finished drawing: "ready" only once it is the current one.
  const [drawn, setDrawn] = useState<MapView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<HoverTarget | null>(null);

  // The canvas is created once; its taps reach the current filter setter through this ref.
  const tapRef = useRef(setFilter);
  tapRef.current = setFilter;

  // Create the canvas once; Cytoscape needs `window`, so it is loaded here rather than imported.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || empty) return;
    let cancelled = false;
    let created: MapCanvas | null = null;
    (async () => {
      const { createMapCanvas } = await import("./map-canvas");
      if (cancelled) return;
      // A group expands into its team's or system's view; an edge between groups opens its source's.
      // The services that name no system are opened grouped by team instead (they may be most of the estate).
      const openGroup = (id: string): boolean => {
        const team = groupTeam(id);
        if (team) tapRef.current({ team, system: null, focus: null, hops: null });
        const system = groupSystem(id);
        if (system !== null) tapRef.current(system ? { system, team: null, focus: null, hops: null } : { group: "team", system: null });
        return team !== null || system !== null;
      };
      created = await createMapCanvas(container, readTheme(), {
        onNodeTap: (slug) => {
          if (!openGroup(slug)) router.push(`/services/${encodeURIComponent(slug)}`);
        },
        onEdgeTap: (key) => {
          if (!(key.includes("=>") && openGroup(key.split("=>")[0]!))) router.push(`/catalog/${encodeURIComponent(key)}`);
        },
        onHover: setHover,
      });
      if (cancelled) created.destroy();
      else setCanvas(created);
    })().catch((e: unknown) => {
      if (cancelled) return;
      setError(e instanceof Error ? e.message : String(e));
      setPhase("error");
    });
    return () => {
      cancelled = true;
      created?.destroy();
      setCanvas(null);
    };
  }, [empty, router]);

  // Draw the data and the current view; layout runs only when the set of shown elements changes.
  useEffect(() => {
    if (!canvas) return;
    let stale = false;
    canvas.setData(nodes, drawable);
    const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
    canvas
      .applyView(view, { onLayoutStart: () => !stale && setPhase("loading"), reducedMotion })
      .then(() => {
        if (stale) return;
        setDrawn(view);
        setPhase("ready");
      })
      .catch((e: unknown) => {
        if (stale) return;
        setError(e instanceof Error ? e.message : String(e));
        setPhase("error");
      });
    return () => {
      stale = true;
    };
  }, [canvas, nodes, drawable, view]);

  // Follow the theme toggle (it flips data-theme on <html>) and container size changes.
  useEffect(() => {
    if (!canvas) return;
    const container = containerRef.current;
    let frame = 0;
    const retheme = new MutationObserver(() => canvas.setTheme(readTheme()));
    retheme.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class", "style"] });
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => canvas.resize());
    });
    if (container) resize.observe(container);
    return () => {
      retheme.disconnect();
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [canvas]);

  const ready = empty || (phase === "ready" && drawn === view);
  const nodeCount = empty ? 0 : view.focusNodes.size;
  const edgeCount = empty ? 0 : view.focusEdges.size;
  const teamName = teams.find((t) => t.slug === filter.team)?.name;
  const journeyName = journeys.find((j) => j.slug === filter.journey)?.name;

  if (empty) {
    return (
      <div className={`card ${styles.empty}`} data-testid="dependency-map" data-node-count={0} data-edge-count={0} data-ready="true">
        <h2>No integration points to draw yet — declare one in the Catalog</h2>
        <p className="muted">The map draws each service once it calls, or is called by, another service.</p>
        <Link className="btn btn-primary" href="/catalog">
          Open the Catalog
        </Link>
      </div>
    );
  }

  return (
    <section className={styles.map} aria-label="Dependency map">
      <div className={styles.toolbar}>
        <label className={styles.field}>
          <span>Team</span>
          <select value={filter.team ?? ""} onChange={(e) => setFilter({ team: e.target.value || null, system: null })} data-testid="map-team-filter">
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Journey</span>
          <select value={filter.journey ?? ""} onChange={(e) => setFilter({ journey: e.target.value || null })} data-testid="map-journey-filter">
            <option value="">No journey</option>
            {journeys.map((j) => (
              <option key={j.slug} value={j.slug}>
                {j.name}
              </option>
            ))}
          </select>
        </label>
        <form
          className={styles.focusForm}
          onSubmit={(e) => {
            e.preventDefault();
            const slug = focusInput.trim();
            setFilter(slug ? { focus: slug, team: null, journey: null } : { focus: null, hops: null });
          }}
        >
          <label className={styles.field}>
            <span>Focus on a service</span>
            <input
              value={focusInput}
              onChange={(e) => setFocusInput(e.target.value)}
              placeholder="service slug, e.g. payments"
              list="map-focus-services"
              data-testid="map-focus-input"
              aria-describedby="map-focus-hint"
            />
          </label>
          <datalist id="map-focus-services">
            {nodes.filter((n) => !n.services).slice(0, 500).map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </datalist>
          <label className={styles.field}>
            <span>Hops</span>
            <select value={filter.hops ?? "1"} onChange={(e) => setFilter({ hops: e.target.value === "1" ? null : e.target.value })} disabled={!filter.focus} data-testid="map-hops">
              {Array.from({ length: MAX_FOCUS_HOPS }, (_, i) => (
                <option key={i} value={String(i + 1)}>
                  ± {i + 1}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn-sm">
            Focus
          </button>
          {filter.focus && (
            <button type="button" className="btn btn-sm" onClick={() => setFilter({ focus: null, hops: null })}>
              Clear focus
            </button>
          )}
        </form>
        <label className={styles.field}>
          <span>Grouping</span>
          <select value={filter.group ?? ""} onChange={(e) => setFilter({ group: e.target.value || null, system: null })} data-testid="map-grouping">
            <option value="">Automatic (by team above {MAP_GROUP_ABOVE} services)</option>
            <option value="team">By team</option>
            <option value="system">By system</option>
            <option value="none">Every service</option>
          </select>
        </label>
        <p className={styles.summary} aria-live="polite" id="map-focus-hint">
          {grouped
            ? groupedSummary(mode === "grouped-system" ? "system" : "team", nodes.length, nodes.reduce((n, g) => n + (g.services ?? 0), 0), edges.reduce((n, e) => n + (e.count ?? 0), 0))
            : summary(nodeCount, edgeCount, teamName ?? (mode === "system" && filter.system ? `the ${filter.system} system` : undefined), journeyName, view.journeyKeysOutsideView, focus)}
          {filter.focus && !focus && ` · No service is called “${filter.focus}”.`}
        </p>
        <div className={styles.zoom} role="group" aria-label="Zoom">
          <button type="button" className="btn btn-sm" onClick={() => canvas?.zoomBy(1.25)} disabled={!canvas} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="btn btn-sm" onClick={() => canvas?.zoomBy(0.8)} disabled={!canvas} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="btn btn-sm" onClick={() => canvas?.fitView()} disabled={!canvas}>
            Fit
          </button>
        </div>
      </div>

      <div className={styles.stage}>
        <div
          ref={containerRef}
          className={styles.canvas}
          data-testid="dependency-map"
          data-node-count={nodeCount}
          data-edge-count={edgeCount}
          data-ready={ready ? "true" : "false"}
          data-mode={mode}
          role="img"
          aria-label={`Dependency map: ${summary(nodeCount, edgeCount, teamName, journeyName, 0)}`}
        />
        {phase === "loading" && (
          <div className={styles.overlay} role="status">
            <span className={styles.spinner} aria-hidden />
            Laying out {view.shownNodes.size} services and {view.shownEdges.size} integration points…
          </div>
        )}
        {phase === "error" && (
          <div className={styles.overlay} role="alert">
            The map could not be drawn: {error}. The Catalog lists the same integration points.
          </div>
        )}
        {phase === "ready" && edgeCount === 0 && (
          <div className={styles.notice} role="status">
            {filter.journey
              ? "None of this journey’s integration points are in this view."
              : focus
                ? "This service has no integration points yet."
                : mode === "system"
                  ? "This system has no integration points yet."
                  : "This team has no integration points yet."}{" "}
            <button type="button" className="btn btn-sm" onClick={() => setFilter({ team: null, journey: null, focus: null, hops: null, system: null })}>
              Show everything
            </button>
          </div>
        )}
        {hover && phase === "ready" && <MapTooltip target={hover} nodes={nodes} edges={drawable} />}
      </div>
      <MapLegend teamSelected={filter.team !== null} />
      <EdgeList edges={drawable} focus={view.focusEdges} nodes={nodes} />
    </section>
  );
}


function groupedSummary(by: "team" | "system", groups: number, services: number, integrations: number) {
  const what = by === "team" ? plural(groups, "team", "teams") : plural(groups, "system", "systems");
  return `${what} (${plural(services, "service", "services")}) and ${plural(integrations, "integration point", "integration points")}, grouped by ${by}: click a ${by} to open it, or focus on a service`;
}

function summary(nodes: number, edges: number, team: string | undefined, journey: string | undefined, outside: number, focus: DependencyMapProps["focus"] = null) {
  const around = focus ? `within ${plural(focus.hops, "hop", "hops")} of ${focus.service}` : null;
  const scope = [team && `for ${team}`, journey && `on ${journey}`, around].filter(Boolean).join(" ");
  const rest = outside > 0 ? ` (${plural(outside, "other journey step is", "other journey steps are")} outside this view)` : "";
  return `${plural(nodes, "service", "services")} and ${plural(edges, "integration point", "integration points")}${scope ? ` ${scope}` : ""}${rest}`;
}
