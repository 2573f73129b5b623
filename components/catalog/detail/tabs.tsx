// Tabs of the integration detail page: plain links with ?tab=, so each tab has its own address.
import Link from "next/link";
import { integrationHref } from "../labels";
import css from "../catalog.module.css";

export const TABS = [
  { id: "overview", label: "Overview" },
  { id: "history", label: "History" },
  { id: "latency", label: "Latency" },
  { id: "findings", label: "Findings" },
  { id: "decisions", label: "Decisions" },
] as const;
export type TabId = (typeof TABS)[number]["id"];

export function tabOf(value: string | string[] | undefined): TabId {
  const v = Array.isArray(value) ? value[0] : value;
  return TABS.find((t) => t.id === v)?.id ?? "overview";
}

/** Counts shown beside tab labels, "Findings (3)", where a tab lists things. */
export type TabCounts = Partial<Record<TabId, number>>;

export function DetailTabs({ integrationKey, active, counts = {} }: { integrationKey: string; active: TabId; counts?: TabCounts }) {
  const base = integrationHref(integrationKey);
  return (
    <nav className={css.tabs} aria-label="Integration point sections">
      {TABS.map((t) => (
        <Link key={t.id} href={t.id === "overview" ? base : `${base}?tab=${t.id}`} aria-current={t.id === active ? "page" : undefined} scroll={false}>
          {t.label}
          {counts[t.id] !== undefined && ` (${counts[t.id]})`}
        </Link>
      ))}
    </nav>
  );
}
