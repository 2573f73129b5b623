// Sub-navigation between the governance pages (the main navigation links only to Journeys).
import Link from "next/link";
import css from "./governance.module.css";

const LINKS = [
  { href: "/journeys", label: "Journeys" },
  { href: "/findings", label: "Findings" },
  { href: "/scorecards", label: "Scorecards" },
  { href: "/settings/policies", label: "Policies" },
] as const;

export type GovernanceSection = (typeof LINKS)[number]["href"];

export function GovernanceNav({ current }: { current: GovernanceSection }) {
  return (
    <nav className={css.subnav} aria-label="Governance">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.href === current ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
