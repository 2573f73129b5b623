"use client";
// The policy rules, kept fresh through the query cache so a switch or threshold change shows at once.
import type { PolicyView } from "@/lib/governance/policies";
import { PolicyCard } from "./policy-card";
import { usePolicies } from "./queries";

export function PolicyList({ initial, canEdit }: { initial: PolicyView[]; canEdit: boolean }) {
  const { data: policies } = usePolicies(initial);
  const off = policies.filter((p) => !p.enabled).length;
  return (
    <>
      <p className="muted" role="status">
        {policies.length} rules · {off ? `${off} switched off` : "all enabled"}
      </p>
      {policies.map((p) => (
        <PolicyCard key={p.id} policy={p} canEdit={canEdit} />
      ))}
    </>
  );
}
