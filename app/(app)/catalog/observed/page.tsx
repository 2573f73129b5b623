import Link from "next/link";
import { CatalogNav } from "@/components/catalog/catalog-nav";
import { PageHeader } from "@/components/ui/page-header";
import { LocalTime } from "@/components/ui/time-zone";
import { mayDeclare } from "@/components/catalog/access";
import { requireSession } from "@/lib/auth/session";
import { integrationHref } from "@/components/catalog/labels";
import { observedEdges, silentIntegrations } from "@/lib/telemetry/observed";
import { formatDuration } from "@/lib/format/duration";
import { Clipped } from "@/components/ui/clipped";
import { KeyText } from "@/components/catalog/key-text";

export const metadata = { title: "Observed edges" };


export default async function ObservedPage() {
  const actor = await requireSession("catalog:read", "/catalog/observed");
  const [edges, silent] = await Promise.all([observedEdges(actor), silentIntegrations(actor)]);
  const canDeclare = mayDeclare(actor);
  return (
    <>
      <PageHeader title="Observed edges" description="What production does that the catalog does not say: traffic on undeclared edges, and declared integration points gone silent." />
      <CatalogNav />
      <h2>Observed but not declared</h2>
      {edges.length === 0 ? (
        <div className="card empty">
          <h2>Nothing undeclared</h2>
          <p>Every edge seen in telemetry over the last days matches a declared integration point (or no telemetry has arrived yet).</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table data-testid="observed-edges">
            <thead>
              <tr>
                <th>Caller → callee (telemetry names)</th>
                <th>Calls</th>
                <th>Errors</th>
                <th>p99</th>
                <th>First seen</th>
                <th>Last seen</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {edges.map((e) => (
                <tr key={`${e.source}->${e.target}`} data-testid="observed-edge" data-edge={`${e.source}->${e.target}`}>
                  <td className="mono">
                    <Clipped text={e.source} max={48} /> → <Clipped text={e.target} max={48} />
                  </td>
                  <td>{e.calls}</td>
                  <td>{e.errors}</td>
                  <td>{formatDuration(e.p99Ms)}</td>
                  <td><LocalTime at={e.firstSeen} /></td>
                  <td><LocalTime at={e.lastSeen} /></td>
                  <td>
                    {canDeclare && (
                      <Link
                        className="btn btn-sm"
                        href={`/catalog/new?${new URLSearchParams({ ...(e.sourceService ? { source: e.sourceService } : {}), ...(e.targetService ? { target: e.targetService } : {}) })}`}
                      >
                        Declare this integration
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Declared but silent</h2>
      {silent.length === 0 ? (
        <p className="muted">No declared integration point has gone quiet.</p>
      ) : (
        <ul data-testid="silent-integrations">
          {silent.map((s) => (
            <li key={s.key}>
              <Link href={integrationHref(s.key)} className="mono">
                <KeyText value={s.key} />
              </Link>{" "}
              <span className="muted">last seen <LocalTime at={s.lastSeen} /></span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
