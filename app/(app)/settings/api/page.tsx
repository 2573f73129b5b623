import Link from "next/link";
import { headers } from "next/headers";
import { ApiReference } from "@/components/api-reference/api-reference";
import { Authentication } from "@/components/api-reference/authentication";
import { apiReference } from "@/components/api-reference/reference-model";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";
import { openApiDocument } from "@/lib/http/openapi";

export const metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  const actor = await requireSession("catalog:read", "/settings/api");
  const h = await headers();
  const origin = process.env.NEXTAUTH_URL ?? `http://${h.get("host") ?? "localhost:3000"}`;
  const groups = apiReference(openApiDocument(origin));
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            <Link href="/settings">← Settings</Link> · Every endpoint, the token scope it needs, and what it takes. Generated from the same schemas
            that validate requests.
          </>
        }
        actions={
          <a className="btn" href="/api/openapi.json" data-testid="openapi-link">
            OpenAPI 3.1 JSON
          </a>
        }
      />
      <Authentication origin={origin} canManageTokens={can(actor, "tokens:manage")} />
      <ApiReference groups={groups} />
    </>
  );
}
