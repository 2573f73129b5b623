"use client";
// Findings grouped by rule, team or integration point: collapsible groups with their counts over
// every finding (a group may run on over the next page); architects tick findings, or all open ones
// of a group, and waive them at once citing one decision record.
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { plural } from "@/lib/format/plural";
import { groupKeyOf, type FindingGroup, type FindingGrouping } from "@/lib/governance/finding-groups";
import type { FindingView } from "@/lib/governance/findings";
import { BulkWaive, type ChosenFinding } from "./bulk-waive";
import { FindingItem } from "./finding-list";
import css from "./governance.module.css";

export interface LabelledGroup extends FindingGroup {
  label: string;
}

const idOf = (f: ChosenFinding) => `${f.rule}\u0000${f.integration}`;
/** Waivers name one rule on one integration point: open integration findings only. */
const waivable = (f: FindingView): f is FindingView & { integration: string } => !f.waived && f.integration !== null;
const NONE: ReadonlySet<string> = new Set();

function openSummary(g: FindingGroup): string {
  const parts = [
    g.open.error && plural(g.open.error, "error"),
    g.open.warning && plural(g.open.warning, "warning"),
    g.open.info && `${g.open.info} info`,
    g.waived && `${g.waived} waived`,
  ].filter(Boolean);
  return parts.join(" · ");
}

export function GroupedFindings({ groups, findings, by, canGrant }: { groups: LabelledGroup[]; findings: FindingView[]; by: FindingGrouping; canGrant: boolean }) {
  // The selection and its outcome belong to one view (filters, grouping, page): changing any of them
  // starts afresh, as mail and issue lists do, so nothing chosen out of sight is ever waived.
  const view = useSearchParams().toString();
  const [selection, setSelection] = useState<{ view: string; ids: ReadonlySet<string> }>({ view, ids: NONE });
  const [notice, setNotice] = useState<{ view: string; text: string } | null>(null);
  // Leaving a view drops its selection for good, so coming back to it (rule → integration → rule)
  // starts empty too (React's "adjust state while rendering" for a changed input).
  if (selection.view !== view) setSelection({ view, ids: NONE });
  if (notice && notice.view !== view) setNotice(null);
  const chosen = selection.view === view ? selection.ids : NONE;
  const done = notice?.view === view ? notice.text : null;
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // The form (and the button that had focus) goes away when it is done or cleared: focus its outcome.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const byGroup = useMemo(() => {
    const map = new Map<string | null, FindingView[]>();
    for (const f of findings) map.set(groupKeyOf(f, by), [...(map.get(groupKeyOf(f, by)) ?? []), f]);
    return map;
  }, [findings, by]);
  // What is waived: the ticked findings still shown and still open (a refresh may have waived some), each pair once.
  const waiving = useMemo(() => [...new Map(findings.filter(waivable).filter((f) => chosen.has(idOf(f))).map((f) => [idOf(f), { rule: f.rule, integration: f.integration }])).values()], [findings, chosen]);

  const choose = (list: ChosenFinding[], on: boolean) => {
    const next = new Set(chosen);
    for (const f of list) {
      if (on) next.add(idOf(f));
      else next.delete(idOf(f));
    }
    setSelection({ view, ids: next });
    setNotice(null);
  };
  const finish = (text: string) => {
    setSelection({ view, ids: NONE });
    setNotice({ view, text });
  };

  return (
    <>
      {groups.map((g) => {
        const items = byGroup.get(g.key) ?? [];
        const open = items.filter(waivable);
        const allChosen = open.length > 0 && open.every((f) => chosen.has(idOf(f)));
        return (
          <details key={g.key ?? ""} className={css.groupBox} data-testid="finding-group" data-group={g.key ?? ""} open={groups.length === 1 || undefined}>
            <summary>
              <span className={css.groupName}>{g.label}</span> <span className="badge" data-testid="group-count">{g.total}</span> <span className="muted">{openSummary(g)}</span>
            </summary>
            <div className={css.groupBody}>
              {items.length < g.total && <p className="muted">{items.length} of {g.total} on this page; the rest are on the next or previous page.</p>}
              {canGrant && open.length > 0 && (
                <label className={css.inline}>
                  <input type="checkbox" checked={allChosen} onChange={(e) => choose(open, e.target.checked)} />
                  Select all {plural(open.length, "open finding")} in this group
                </label>
              )}
              <ul className={css.findings}>
                {items.map((f, i) => (
                  <FindingItem
                    key={`${f.rule}|${f.integration ?? ""}|${f.journey ?? ""}|${i}`}
                    finding={f}
                    canGrant={canGrant}
                    selection={canGrant && waivable(f) ? { checked: chosen.has(idOf(f)), onToggle: () => choose([f], !chosen.has(idOf(f))) } : undefined}
                  />
                ))}
              </ul>
            </div>
          </details>
        );
      })}
      {canGrant && waiving.length > 0 ? (
        <BulkWaive chosen={waiving} onClear={() => finish(`Selection cleared; nothing was waived.`)} onDone={(count) => finish(`Waived ${plural(count, "finding")}.`)} />
      ) : (
        done && (
          // Where the form was, so focus moving here does not scroll the page.
          <p ref={noticeRef} tabIndex={-1} className={`notice ${css.bulkWaive}`} role="status" data-testid="bulk-waive-done">
            {done}
          </p>
        )
      )}
    </>
  );
}
