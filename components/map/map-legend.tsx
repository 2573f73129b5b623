// The key to the map's encodings. SVG samples use the same dash patterns and CSS variables as the canvas.
import styles from "./dependency-map.module.css";
import { DASH } from "./map-style";

function LineSample({ dash, colour = "var(--muted)", sourceDot = false }: { dash?: readonly number[]; colour?: string; sourceDot?: boolean }) {
  return (
    <svg className={styles.sample} width="44" height="12" viewBox="0 0 44 12" aria-hidden>
      <line x1="4" y1="6" x2="34" y2="6" style={{ stroke: colour }} strokeWidth="2" strokeDasharray={dash?.join(" ")} />
      <path d="M34 2 L42 6 L34 10 Z" style={{ fill: colour }} />
      {sourceDot && <circle cx="4" cy="6" r="3" style={{ fill: colour }} />}
    </svg>
  );
}

const STATUSES = [
  { status: "ok", label: "Within budget" },
  { status: "warning", label: "At risk" },
  { status: "breaching", label: "Breaching (SLO or budget)" },
  { status: "no-data", label: "No data or silent" },
];

export function MapLegend({ teamSelected }: { teamSelected: boolean }) {
  return (
    <div className={styles.legend} aria-label="Map legend" role="group">
      <ul>
        <li>
          <LineSample /> Sync request/response
        </li>
        <li>
          <LineSample dash={DASH.async} /> Async (event, command, queue, stream)
        </li>
        <li>
          <LineSample dash={DASH.hybrid} sourceDot /> Hybrid (sync ack at ●, async follow-up)
        </li>
      </ul>
      <ul>
        {STATUSES.map((s) => (
          <li key={s.status}>
            <span className={styles.swatch} data-status={s.status} aria-hidden /> {s.label}
          </li>
        ))}
        <li className={styles.faint}>
          <LineSample /> Faint: proposed or retired
        </li>
      </ul>
      <ul>
        <li>
          <span className={`${styles.dot} ${styles.dotLarge}`} aria-hidden /> Tier 1 service (larger = more critical)
        </li>
        {teamSelected && (
          <li>
            <span className={`${styles.dot} ${styles.dotTeam}`} aria-hidden /> The team&rsquo;s own services; others are neighbours
          </li>
        )}
        <li className="muted">Scroll to zoom (more names appear), drag to pan, click to open.</li>
      </ul>
    </div>
  );
}
