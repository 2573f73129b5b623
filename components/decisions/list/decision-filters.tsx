"use client";
// The decision list's filter bar: a plain GET form (it works before JavaScript loads), enhanced so a
// changed select or toggle applies at once and the URL carries only what is set.
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { decisionStatuses } from "@/lib/decisions/workflow";
import { statusLabels } from "../labels";
import css from "../decisions.module.css";
import { listHref, sortOptions, type ListKey, type ListState } from "./url-state";

interface Props {
  values: ListState;
  teams: { slug: string; name: string }[];
  integrationKeys: string[];
  /** Only reviewers have an inbox, so only they see "Awaiting my review". */
  reviewer: boolean;
}

const submitNow = (e: ChangeEvent<HTMLSelectElement | HTMLInputElement>) => e.currentTarget.form?.requestSubmit();

export function DecisionFilters({ values, teams, integrationKeys, reviewer }: Props) {
  const router = useRouter();
  // On a phone the filters fold behind a button so the list is not pushed off the first screen.
  const [expanded, setExpanded] = useState(false);
  const active = (["status", "tag", "team", "integration", "author", "awaiting"] as const).filter((k) => values[k]).length;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: ListState = {};
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === "string" && v.trim()) next[k as ListKey] = v.trim();
    router.push(listHref(next));
  }

  return (
    <form method="get" action="/decisions" role="search" aria-label="Filter decisions" className={`card ${css.filters}`} data-expanded={expanded} onSubmit={onSubmit}>
      <label className={css.search}>
        Search
        <input type="search" name="q" defaultValue={values.q ?? ""} placeholder="Title, tag or ADR number…" />
      </label>
      <button type="button" className={`btn ${css.filterToggle}`} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
        Filters{active ? ` (${active})` : ""}
      </button>
      <label>
        Status
        <select name="status" defaultValue={values.status ?? ""} onChange={submitNow}>
          <option value="">Any</option>
          {decisionStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Team
        <select name="team" defaultValue={values.team ?? ""} onChange={submitNow}>
          <option value="">Any</option>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Integration point
        <input name="integration" list="decision-filter-integrations" defaultValue={values.integration ?? ""} placeholder="Any" autoComplete="off" />
        <datalist id="decision-filter-integrations">
          {integrationKeys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </label>
      <label>
        Tag
        <input name="tag" defaultValue={values.tag ?? ""} placeholder="Any" autoComplete="off" />
      </label>
      <label>
        Author
        <input name="author" defaultValue={values.author ?? ""} placeholder="Any" autoComplete="off" />
      </label>
      <label>
        Sort
        <select name="sort" defaultValue={values.sort ?? "-number"} onChange={submitNow}>
          {sortOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {reviewer && (
        <label className={css.toggle}>
          <input type="checkbox" name="awaiting" value="me" defaultChecked={values.awaiting === "me"} onChange={submitNow} />
          Awaiting my review
        </label>
      )}
      {/* ?awaiting=me from the navigation survives a change of the other filters for non-reviewers too. */}
      {!reviewer && values.awaiting && <input type="hidden" name="awaiting" value={values.awaiting} />}
      <div className={css.filterActions}>
        <button className="btn btn-primary" type="submit">
          Apply
        </button>
      </div>
    </form>
  );
}
