// The main pages, for the header's navigation and for pages outside the shell (the 404).
export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/catalog", label: "Catalog" },
  { href: "/journeys", label: "Journeys" },
  { href: "/findings", label: "Findings" },
  { href: "/decisions", label: "Decisions" },
  { href: "/drift", label: "Drift" },
  { href: "/settings", label: "Settings" },
] as const;
