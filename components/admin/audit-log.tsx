"use client";
// Admin: the audit log — who changed what, when — filtered, paged with "Load more", exportable as CSV.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";

interface AuditRow { id: string; at: string; actor: string; action: string; entityType: string; entityId: string; before: unknown; after: unknown }
interface AuditPage { items: AuditRow[]; nextCursor: string | null; entityTypes: string[] }
type Filters = Partial<Record<"actor" | "entityType" | "action" | "from" | "to", string>>;

/** `<input type="datetime-local">` gives local wall time without a zone; the API wants an instant. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : "");

function queryString(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="muted">—</span>;
  return (
    <details>
      <summary>Details</summary>
      {before != null && (
        <>
          <div className="muted">Before</div>
          <pre className="mono" style={{ whiteSpace: "pre-wrap", maxWidth: "40rem" }}>{JSON.stringify(before, null, 2)}</pre>
        </>
      )}
      {after != null && (
        <>
          <div className="muted">After</div>
          <pre className="mono" style={{ whiteSpace: "pre-wrap", maxWidth: "40rem" }}>{JSON.stringify(after, null, 2)}</pre>
        </>
      )}
    </details>
  );
}

export function AuditLog() {
  const [filters, setFilters] = useState<Filters>({});
  const log = useInfiniteQuery({
    queryKey: ["admin", "audit", filters],
    initialPageParam: "",
    queryFn: ({ pageParam }) => fetchJson<AuditPage>(`/api/audit${queryString(filters, { cursor: pageParam, limit: "50" })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const entityTypes = log.data?.pages[0]?.entityTypes ?? [];
  const filtered = Object.values(filters).some(Boolean);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => String(data.get(k) ?? "").trim();
    setFilters({ actor: text("actor"), entityType: text("entityType"), action: text("action"), from: toInstant(text("from")), to: toInstant(text("to")) });
  }

  return (
    <>
      <form className="card" role="search" aria-label="Filter the audit log" onSubmit={onSubmit}>
        <div className="form-grid">
          <label>
            Actor
            <input name="actor" placeholder="Email or part of it" autoComplete="off" />
          </label>
          <label>
            Entity type
            <select name="entityType" defaultValue="">
              <option value="">Any</option>
              {entityTypes.map((t) => (
                <option key={t} value={t}>{t}</option>
              ))}
            </select>
          </label>
          <label>
            Action
            <input name="action" placeholder="e.g. token or user.update" autoComplete="off" />
          </label>
          <label>
            From
            <input name="from" type="datetime-local" />
          </label>
          <label>
            To
            <input name="to" type="datetime-local" />
          </label>
        </div>
        <div className="row" style={{ marginTop: ".75rem" }}>
          <button className="btn btn-primary" type="submit">Apply filters</button>
          <span className="spacer" />
          <a className="btn" href={`/api/audit/export${queryString(filters)}`} download data-testid="audit-export">
            Export CSV
          </a>
        </div>
      </form>
      <div style={{ marginTop: "1rem" }}>
        {log.isPending ? (
          <LoadingRows rows={5} />
        ) : log.isError ? (
          <ErrorNotice error={log.error} />
        ) : rows.length === 0 ? (
          <div className="card empty" data-testid="audit-empty">
            <h2>No audit events{filtered ? " match these filters" : " yet"}</h2>
            <p>{filtered ? "Widen the time range or clear a filter." : "Every change to the catalog, decisions, users, teams and tokens will be listed here."}</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table data-testid="audit-table">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Entity</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid="audit-row">
                    <td><time dateTime={r.at}>{new Date(r.at).toLocaleString()}</time></td>
                    <td>{r.actor}</td>
                    <td className="mono">{r.action}</td>
                    <td>
                      {r.entityType} <span className="mono muted">{r.entityId}</span>
                    </td>
                    <td><Change before={r.before} after={r.after} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {log.hasNextPage && (
          <button className="btn" style={{ marginTop: ".75rem" }} onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        )}
      </div>
    </>
  );
}
