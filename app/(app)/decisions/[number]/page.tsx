// One decision record: the rendered record, where it stands on approvals, what the visitor may do
// with it (edit, review, comment, change status), and its timeline.
import { plural, pluralNoun } from "@/lib/format/plural";
import Link from "next/link";
import { Approvals } from "@/components/decisions/detail/approvals";
import { EvidenceList } from "@/components/decisions/detail/evidence-list";
import { RecordBody } from "@/components/decisions/detail/record-body";
import { ReviewForm } from "@/components/decisions/detail/review-form";
import { Timeline } from "@/components/decisions/detail/timeline";
import { TransitionActions } from "@/components/decisions/detail/transition-actions";
import { decisionHref, formatDate, formatDateTime } from "@/components/decisions/labels";
import { loadDecision, parseNumber } from "@/components/decisions/load";
import { StatusBadge } from "@/components/decisions/status-badge";
import css from "@/components/decisions/decisions.module.css";
import { can } from "@/lib/auth/permissions";
import { listEvidence } from "@/lib/decisions/evidence";
import { requireSession } from "@/lib/auth/session";
import { formatNumber } from "@/lib/decisions/workflow";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props) {
  const raw = (await params).number;
  return { title: /^\d{1,9}$/.test(raw) ? formatNumber(Number(raw)) : "Decision" };
}

export default async function DecisionPage({ params }: Props) {
  const number = parseNumber((await params).number);
  const actor = await requireSession("catalog:read", decisionHref(number));
  const detail = await loadDecision(actor, number);
  const evidence = await listEvidence(actor, number);
  const { record } = detail;
  const canWrite = can(actor, "decision:write");

  return (
    <>
      <div className={css.header}>
        <div style={{ minWidth: 0 }}>
          <p className="muted" style={{ margin: "0 0 .25rem" }}>
            <Link href="/decisions">Decisions</Link> / {record.label}
          </p>
          <h1 data-testid="decision-title">
            <span className="mono" style={{ fontSize: ".9em" }}>
              {record.label}
            </span>{" "}
            · {record.title}
          </h1>
          <div className={css.headerMeta}>
            <StatusBadge status={record.status} />
            <span>by {record.author}</span>
            <span aria-hidden>·</span>
            <span title={formatDateTime(record.updatedAt)}>updated {formatDate(record.updatedAt)}</span>
            <span aria-hidden>·</span>
            <span>revision {record.revision}</span>
          </div>
        </div>
        <div className="row">
          {detail.canEdit && (
            <Link className="btn btn-primary" href={`${decisionHref(number)}/edit`}>
              Edit
            </Link>
          )}
          <a className="btn" href={`/api/decisions/${number}.md`} download>
            Download Markdown
          </a>
        </div>
      </div>

      {detail.imported && (
        <div className="notice" style={{ marginBottom: "1rem" }} data-testid="imported-notice">
          Imported as <strong>{detail.imported.status}</strong> by {detail.imported.by} on {formatDate(detail.imported.at)}. {detail.imported.comment}
        </div>
      )}
      {record.supersededBy !== null && (
        <div className="notice" style={{ marginBottom: "1rem" }} data-testid="superseded-notice">
          Superseded by <Link href={decisionHref(record.supersededBy)}>{formatNumber(record.supersededBy)}</Link>: read that record for the
          current decision.
        </div>
      )}
      {record.supersedes !== null && (
        <div className="notice" style={{ marginBottom: "1rem" }}>
          Supersedes <Link href={decisionHref(record.supersedes)}>{formatNumber(record.supersedes)}</Link>.
        </div>
      )}

      <div className={css.layout}>
        <div className={css.main}>
          <RecordBody record={record} />
          <section aria-labelledby="evidence" style={{ marginTop: "1.5rem" }}>
            <h2 id="evidence">
              Evidence{" "}
              <span className="muted" style={{ fontWeight: 400 }}>
                {evidence.length}
              </span>
            </h2>
            <EvidenceList items={evidence} />
          </section>
        </div>

        <aside className={css.side} aria-label="Workflow">
          <section className={`card ${css.panel}`} aria-labelledby="workflow-status">
            <h2 id="workflow-status">Review status</h2>
            <Approvals detail={detail} />
          </section>
          {canWrite && (
            <section className={`card ${css.panel}`} aria-labelledby="workflow-actions">
              <h2 id="workflow-actions">Status</h2>
              <TransitionActions number={number} actions={detail.actions} />
            </section>
          )}
          <section className={`card ${css.panel}`} aria-labelledby="workflow-review">
            <h2 id="workflow-review">{detail.canReview ? "Your review" : "Comment"}</h2>
            {detail.canReview && evidence.length > 0 && (
              <p className="field-hint" data-testid="review-evidence-hint">
                This record carries <a href="#evidence">{plural(evidence.length, "evidence item")}</a> — read {pluralNoun(evidence.length, "it", "them")} before you decide.
              </p>
            )}
            {/* Keyed: when the record moves on and reviewing closes, the form starts over as a comment box. */}
            <ReviewForm key={String(detail.canReview)} number={number} canReview={detail.canReview} />
          </section>
        </aside>

        <section className={css.history} aria-labelledby="record-timeline">
          <h2 id="record-timeline">Timeline</h2>
          <Timeline entries={detail.timeline} />
        </section>
      </div>
    </>
  );
}
