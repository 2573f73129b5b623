// Settings → Policies: every rule with its rationale; architects switch rules off and tune thresholds.
import Link from "next/link";
import { mayEditPolicies } from "@/components/governance/access";
import { GovernanceNav } from "@/components/governance/governance-nav";
import { PolicyList } from "@/components/governance/policy-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { listPolicies } from "@/lib/governance/policies";

export const metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const actor = await requireSession("catalog:read", "/settings/policies");
  const policies = await listPolicies(actor);
  const canEdit = mayEditPolicies(actor);
  return (
    <>
      <PageHeader
        title="Policies"
        description={
          <>
            <Link href="/settings">← Settings</Link> · The rules every integration point and journey is checked against.{" "}
            {canEdit ? "Changes apply at once and are audited." : "Architects and admins tune them."}
          </>
        }
      />
      <GovernanceNav current="/settings/policies" />
      {policies.length === 0 ? (
        <div className="card empty">
          <h2>No rules registered</h2>
          <p>The policy engine has no rules; this is a build problem, not a setting.</p>
        </div>
      ) : (
        <PolicyList initial={policies} canEdit={canEdit} />
      )}
    </>
  );
}
