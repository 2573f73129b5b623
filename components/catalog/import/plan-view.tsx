// What an import would do (or did): created, changed with each field's before and after, retired,
// and how much was already up to date.
import Link from "next/link";
import type { ImportPlan, PlanEntry } from "@/lib/catalog/as-code/plan";
import { integrationHref } from "../labels";
import css from "./import.module.css";

const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function EntryName({ entry, linked }: { entry: PlanEntry; linked: boolean }) {
  const label = (
    <>
      <span className={css.kind}>{entry.kind}</span> <code>{entry.name}</code>
    </>
  );
  return linked && entry.kind === "Integration" ? <Link href={integrationHref(entry.name)}>{label}</Link> : label;
}

function Section({ title, entries, testId, linked }: { title: string; entries: PlanEntry[]; testId: string; linked: boolean }) {
  if (entries.length === 0) return null;
  return (
    <section className={css.section} data-testid={testId}>
      <h3>
        {title} <span className="badge">{entries.length}</span>
      </h3>
      <ul className={css.entries}>
        {entries.map((e) => (
          <li key={`${e.kind}/${e.name}`}>
            <EntryName entry={e} linked={linked} />
            {e.file && (
              <span className="muted">
                {" "}
                · {e.file}, document {(e.document ?? 0) + 1}
              </span>
            )}
            {e.changes && e.changes.length > 0 && (
              <table className={css.diff}>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Now</th>
                    <th scope="col">{linked ? "Became" : "Would become"}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.changes.map((c) => (
                    <tr key={c.path}>
                      <td>
                        <code>{c.path}</code>
                      </td>
                      <td className={css.before}>{show(c.before)}</td>
                      <td className={css.after}>{show(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PlanView({ plan }: { plan: ImportPlan }) {
  const applied = !plan.dryRun;
  const nothing = plan.created.length + plan.changed.length + plan.retired.length === 0;
  return (
    <div className="card" data-testid="import-plan">
      <h2>{applied ? "Imported" : "Preview: nothing is applied yet"}</h2>
      {nothing ? (
        <p className="muted" data-testid="plan-nothing">
          Nothing to change: the catalog already matches these files ({plan.unchanged} up to date).
        </p>
      ) : (
        <>
          <Section title={applied ? "Created" : "Will be created"} entries={plan.created} testId="plan-created" linked={applied} />
          <Section title={applied ? "Changed" : "Will change"} entries={plan.changed} testId="plan-changed" linked={applied} />
          <Section title={applied ? "Retired" : "Will be retired"} entries={plan.retired} testId="plan-retired" linked={applied} />
          <p className="muted">{plan.unchanged} already up to date.</p>
        </>
      )}
    </div>
  );
}
