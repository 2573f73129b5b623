// The change history of an integration point: who changed what, when, field by field.
import type { HistoryEntry } from "@/lib/catalog/integrations";
import { fieldLabel } from "../labels";
import css from "../catalog.module.css";
import { LocalTime } from "@/components/ui/time-zone";

type Value = HistoryEntry["changes"][number]["before"];

function show(value: Value): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  return text.length > 280 ? `${text.slice(0, 280)}…` : text;
}

function Changes({ changes }: { changes: HistoryEntry["changes"] }) {
  return (
    <div className="table-wrap">
      <table className={css.diff}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} data-testid="history-change" data-path={c.path}>
              <td>
                {fieldLabel(c.path)}
                {fieldLabel(c.path) !== c.path && <div className="muted mono" style={{ fontSize: ".78rem" }}>{c.path}</div>}
              </td>
              <td className={c.before === undefined || c.before === null ? "muted" : css.before}>{show(c.before)}</td>
              <td className={c.after === undefined || c.after === null ? "muted" : css.after}>{show(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const actionWords: Record<string, string> = { create: "declared it", update: "changed it" };

export function History({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) {
    return (
      <div className="card empty">
        <h2>No history recorded</h2>
        <p>Changes made from now on will appear here, with who made them and what they changed.</p>
      </div>
    );
  }
  return (
    <ol style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {entries.map((e, i) => {
        // Creation lists every field that was set: useful, but long, so it starts folded.
        const set = e.changes.filter((c) => c.after !== null && c.after !== undefined && !(Array.isArray(c.after) && c.after.length === 0) && c.after !== "");
        return (
          <li key={`${e.at}-${i}`} className={`card ${css.historyEntry}`} data-testid="history-entry" data-action={e.action}>
            <div className={css.historyHead}>
              <strong>{e.actor}</strong>
              <span>{actionWords[e.action] ?? e.action}</span>
              <span className="spacer" />
              <time dateTime={e.at} className="muted">
                <LocalTime at={e.at} />
              </time>
            </div>
            {e.action === "create" ? (
              <details>
                <summary>{set.length} fields declared</summary>
                <div style={{ marginTop: ".5rem" }}>
                  <Changes changes={set} />
                </div>
              </details>
            ) : e.changes.length ? (
              <Changes changes={e.changes} />
            ) : (
              <p className="muted">No field changed.</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
