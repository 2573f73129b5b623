// Decision records that cite this integration point, newest first, and a way to start one.
import Link from "next/link";
import type { DecisionView } from "@/lib/decisions/records";

export function newDecisionHref(key: string) {
  return `/decisions/new?integration=${encodeURIComponent(key)}`;
}

export function DecisionsTab({ integrationKey, decisions, canWrite }: { integrationKey: string; decisions: DecisionView[]; canWrite: boolean }) {
  return (
    <>
      {canWrite && (
        <p>
          <Link className="btn" href={newDecisionHref(integrationKey)}>
            New decision about this
          </Link>
        </p>
      )}
      {decisions.length === 0 ? (
        <div className="card empty">
          <h2>No decision records yet</h2>
          <p>Write down why this integration is synchronous or asynchronous, and why its budget is what it is.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Record</th>
                <th>Status</th>
                <th>Author</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.number} data-testid="integration-decision">
                  <td>
                    <Link href={`/decisions/${d.number}`}>
                      {d.label} · {d.title}
                    </Link>
                  </td>
                  <td>
                    <span className="badge">{d.status}</span>
                  </td>
                  <td>{d.author}</td>
                  <td>{d.updatedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
