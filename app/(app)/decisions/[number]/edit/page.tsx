// Edit a draft or proposed decision record; each save is a new revision with a visible diff.
import Link from "next/link";
import { forbidden } from "next/navigation";
import { decisionFormOptions } from "@/components/decisions/form-options";
import { DecisionForm } from "@/components/decisions/form/decision-form";
import { decisionHref } from "@/components/decisions/labels";
import { loadDecision, parseNumber } from "@/components/decisions/load";
import { StatusBadge } from "@/components/decisions/status-badge";
import { requireSession } from "@/lib/auth/session";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Edit decision ${(await params).number}` };
}

export default async function EditDecisionPage({ params }: Props) {
  const number = parseNumber((await params).number);
  const actor = await requireSession("decision:write", `${decisionHref(number)}/edit`);
  const detail = await loadDecision(actor, number);
  // Only the author or an architect, and only while the record is a draft or proposed.
  if (!detail.canEdit) forbidden();
  const { record } = detail;
  const options = await decisionFormOptions(actor);
  return (
    <>
      <div className="page-header">
        <div style={{ minWidth: 0 }}>
          <p className="muted" style={{ margin: "0 0 .25rem" }}>
            <Link href="/decisions">Decisions</Link> / <Link href={decisionHref(number)}>{record.label}</Link> / edit
          </p>
          <h1 style={{ overflowWrap: "anywhere" }}>
            Edit {record.label} <StatusBadge status={record.status} />
          </h1>
          <p className="muted" style={{ margin: 0 }}>
            Revision {record.revision} by {record.author}
          </p>
        </div>
      </div>
      <DecisionForm number={number} record={record} proposedRevision={record.status === "proposed" ? record.revision : undefined} {...options} />
    </>
  );
}
