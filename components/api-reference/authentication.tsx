// How scripts authenticate, with a request to copy: the part of the reference people read first.
import Link from "next/link";
import styles from "./api-reference.module.css";

const scopeMeaning: [string, string][] = [
  ["catalog:read", "read the catalog, telemetry, findings and decisions"],
  ["catalog:write", "change services, integration points, journeys, waivers and policies (and read)"],
  ["decisions:write", "draft, edit and move decision records"],
  ["telemetry:write", "send OTLP traces and metrics to /v1/traces and /v1/metrics"],
  ["metrics:read", "scrape /metrics (Prometheus exposition) unless EDGEWISE_METRICS_PUBLIC=1"],
  ["admin", "everything, including users, teams and tokens"],
];

export function Authentication({ origin, canManageTokens }: { origin: string; canManageTokens: boolean }) {
  const read = `export EDGEWISE_TOKEN=ew_…   # a token with catalog:read
curl -sS -H "Authorization: Bearer $EDGEWISE_TOKEN" \\
  "${origin}/api/integrations?lifecycle=active&limit=5"`;
  const write = `curl -sS -X POST "${origin}/api/services" \\
  -H "Authorization: Bearer $EDGEWISE_TOKEN" -H "Content-Type: application/json" \\
  -d '{"slug":"payments","name":"Payments","team":"payments-team"}'`;
  return (
    <section className="card" aria-labelledby="how-to-authenticate" data-testid="api-auth">
      <h2 id="how-to-authenticate" style={{ marginTop: 0 }}>
        How to authenticate
      </h2>
      <p>
        Scripts and CI send an API token as <code>Authorization: Bearer &lt;token&gt;</code>. A token carries scopes, and each operation below
        names the scope it needs; the token also acts with its owner&apos;s role and teams. In the browser your session is used instead.{" "}
        {canManageTokens ? <Link href="/settings/tokens">Create a token in API tokens</Link> : "Ask an admin for a token"}, or run{" "}
        <code>npm run edgewise -- token create --name ci --scopes catalog:read --user you@example.com</code>; it is shown once.
      </p>
      <pre className={`card mono ${styles.code}`} data-testid="curl-example">
        {read}
      </pre>
      <pre className={`card mono ${styles.code}`}>{write}</pre>
      <div className={`table-wrap ${styles.scopes}`}>
        <table aria-label="Token scopes">
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Lets a token</th>
            </tr>
          </thead>
          <tbody>
            {scopeMeaning.map(([scope, meaning]) => (
              <tr key={scope}>
                <td>
                  <code>{scope}</code>
                </td>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" style={{ marginBottom: 0 }}>
        Errors answer <code>{'{"error": {"code", "message", "details"?}}'}</code> with 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503. Lists
        answer <code>{'{"items": [...], "nextCursor"}'}</code>; pass <code>cursor</code> to page on.
      </p>
    </section>
  );
}
