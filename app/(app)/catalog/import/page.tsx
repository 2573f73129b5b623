// Catalog as code in the browser: upload or paste Edgewise YAML (or Backstage / OpenSLO documents),
// preview the plan, apply it; and download the catalog in each format.
import Link from "next/link";
import { mayDeclare } from "@/components/catalog/access";
import { CatalogImport } from "@/components/catalog/import/catalog-import";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Import catalog YAML" };

export default async function CatalogImportPage() {
  const actor = await requireSession("catalog:read", "/catalog/import");
  const canWrite = mayDeclare(actor);
  return (
    <>
      <PageHeader
        title="Catalog as code"
        description={
          <>
            Import Edgewise YAML (<code>apiVersion: edgewise.dev/v1</code>), Backstage descriptors or OpenSLO documents. Validate files in CI with{" "}
            <code>npx edgewise check</code>.
          </>
        }
        actions={
          <>
            <a className="btn" href="/api/catalog/export?format=edgewise" download>
              Download the catalog (YAML)
            </a>
            <a className="btn btn-ghost" href="/api/catalog/export?format=backstage" download>
              Backstage
            </a>
            <a className="btn btn-ghost" href="/api/catalog/export?format=openslo" download>
              OpenSLO
            </a>
          </>
        }
      />
      {canWrite ? (
        <CatalogImport canApply={canWrite} />
      ) : (
        <div className="card empty" data-testid="import-read-only">
          <h2>Importing needs write access</h2>
          <p>Your role can read and download the catalog. Ask an admin for the member role in the team that owns the services you want to change.</p>
          <Link className="btn" href="/catalog">
            Back to the catalog
          </Link>
        </div>
      )}
    </>
  );
}
