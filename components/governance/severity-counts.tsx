// Open findings by severity (and how many are waived), each a link that narrows the list to it.
import Link from "next/link";
import type { FindingsResult } from "@/lib/governance/findings";
import css from "./governance.module.css";

type Counts = FindingsResult["counts"];

const CARDS: { key: keyof Counts; label: string; param: [string, string]; tone: string }[] = [
  { key: "error", label: "Errors", param: ["severity", "error"], tone: "var(--danger)" },
  { key: "warning", label: "Warnings", param: ["severity", "warning"], tone: "var(--warning)" },
  { key: "info", label: "Info", param: ["severity", "info"], tone: "var(--accent)" },
  { key: "waived", label: "Waived", param: ["waived", "true"], tone: "var(--muted)" },
];

export function SeverityCounts({ counts, query }: { counts: Counts; query: Record<string, string | undefined> }) {
  return (
    <div className={css.counts} data-testid="finding-counts">
      {CARDS.map((c) => {
        const [name, value] = c.param;
        const active = query[name] === value;
        // Clicking the active card clears it; severity and "only waived" exclude each other.
        const next = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1] && e[0] !== "severity" && !(e[0] === "waived" && e[1] === "true")));
        if (!active) next.set(name, value);
        const href = next.toString() ? `/findings?${next}` : "/findings";
        return (
          <Link key={c.key} href={href} className={css.countCard} aria-current={active ? "true" : undefined} data-testid={`count-${c.key}`}>
            <div className={css.countValue} style={{ color: counts[c.key] ? c.tone : undefined }}>
              {counts[c.key]}
            </div>
            <div className="stat-label">{c.key === "waived" ? "Waived" : `Open ${c.label.toLowerCase()}`}</div>
          </Link>
        );
      })}
    </div>
  );
}
