import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/services";

export const metadata = { title: "Catalog" };

export default async function CatalogPage() {
  const actor = await requireSession("catalog:read", "/catalog");
  const services = await listServices(actor);
  return (
    <>
      <PageHeader title="Catalog" description="Services and, soon, the integration points between them." />
      <div className="notice" style={{ marginBottom: "1rem" }}>
        Integration points (budgets, SLOs, consistency and resilience semantics) are not built yet. The services below are
        the nodes they will connect.
      </div>
      {services.length === 0 ? (
        <div className="card empty">
          <h2>No services yet</h2>
          <p>Create services through the API (<code>POST /api/services</code>) with a token that has the catalog:write scope.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table data-testid="services-table">
            <thead>
              <tr>
                <th>Service</th>
                <th>Team</th>
                <th>Tier</th>
                <th>Telemetry name</th>
                <th>Description</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.slug}>
                  <td>
                    <strong>{s.name}</strong>
                    <div className="muted mono">{s.slug}</div>
                  </td>
                  <td>{s.team}</td>
                  <td>{s.tier}</td>
                  <td className="mono">{s.telemetryName}</td>
                  <td className="muted">{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
