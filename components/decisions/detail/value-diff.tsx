// One revision's changes, field by field: Markdown shown as its source text (never rendered here,
// so a diff cannot be a way to inject anything), lists as lists, options with their pros and cons.
import type { TimelineEntry } from "@/lib/decisions/records";
import { fieldLabel } from "../labels";
import css from "../decisions.module.css";

type Change = NonNullable<TimelineEntry["changes"]>[number];
type Value = Change["before"];

function isOption(v: unknown): v is { title: string; pros?: unknown[]; cons?: unknown[] } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { title?: unknown }).title === "string";
}

function Show({ value }: { value: Value }) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return <span className="muted">—</span>;
  if (Array.isArray(value)) {
    return (
      <ul className={css.diffList}>
        {value.map((v, i) =>
          isOption(v) ? (
            <li key={i}>
              <strong>{v.title}</strong>
              {(v.pros ?? []).map((p, j) => (
                <div key={`p${j}`}>+ {String(p)}</div>
              ))}
              {(v.cons ?? []).map((c, j) => (
                <div key={`c${j}`}>− {String(c)}</div>
              ))}
            </li>
          ) : (
            <li key={i}>{typeof v === "string" ? v : JSON.stringify(v)}</li>
          ),
        )}
      </ul>
    );
  }
  if (typeof value === "object") return <pre className={css.diffValue}>{JSON.stringify(value, null, 2)}</pre>;
  return <pre className={css.diffValue}>{String(value)}</pre>;
}

export function ValueDiff({ changes }: { changes: Change[] }) {
  if (changes.length === 0) return <p className="muted" style={{ margin: ".4rem 0 0" }}>No field changed.</p>;
  return (
    <div className={`table-wrap ${css.diff}`}>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} data-testid="revision-change" data-path={c.path}>
              <td>{fieldLabel(c.path)}</td>
              <td className={css.before} data-label="Before">
                <Show value={c.before} />
              </td>
              <td className={css.after} data-label="After">
                <Show value={c.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
