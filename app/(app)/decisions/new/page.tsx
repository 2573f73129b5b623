// Draft a new decision record. ?integration=<key> pre-links an integration point ("New decision about this").
import Link from "next/link";
import { decisionFormOptions } from "@/components/decisions/form-options";
import { DecisionForm } from "@/components/decisions/form/decision-form";
import { integrationHref } from "@/components/decisions/labels";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "New decision" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function NewDecisionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const integration = one((await searchParams).integration);
  const actor = await requireSession("decision:write", `/decisions/new${integration ? `?integration=${encodeURIComponent(integration)}` : ""}`);
  const options = await decisionFormOptions(actor);
  const known = integration !== undefined && options.integrationKeys.includes(integration);
  return (
    <>
      <PageHeader
        title="New decision"
        description={
          integration ? (
            <>
              About{" "}
              <Link className="mono" href={integrationHref(integration)}>
                {integration}
              </Link>
              : why it is the way it is, which alternatives were weighed, and what follows.
            </>
          ) : (
            "Record a design decision: the problem, the alternatives weighed, the outcome and its consequences."
          )
        }
      />
      {integration && !known && (
        <div className="notice" style={{ marginBottom: "1rem" }} role="status">
          No integration point with the key <span className="mono">{integration}</span> is in the catalog. It is linked below; remove it or fix the key
          before saving.
        </div>
      )}
      <DecisionForm number={null} record={null} prefill={{ integrations: integration ? [integration] : [] }} {...options} />
    </>
  );
}
