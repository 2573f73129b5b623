"use client";
// The catalog area's own navigation: integration points, services, teams, the dependency map and
// observed edges are views of one estate, so they share a row of tabs under the page header.
import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./catalog.module.css";

const ITEMS = [
  { href: "/catalog", label: "Integration points" },
  { href: "/services", label: "Services" },
  { href: "/teams", label: "Teams" },
  { href: "/catalog/map", label: "Dependency map" },
  { href: "/catalog/observed", label: "Observed edges" },
] as const;

function activeHref(pathname: string): string {
  if (pathname.startsWith("/catalog/map")) return "/catalog/map";
  if (pathname.startsWith("/catalog/observed")) return "/catalog/observed";
  if (pathname.startsWith("/services")) return "/services";
  if (pathname.startsWith("/teams")) return "/teams";
  return "/catalog";
}

export function CatalogNav() {
  const active = activeHref(usePathname());
  return (
    <nav className={styles.subnav} aria-label="Catalog">
      {ITEMS.map((item) => (
        <Link key={item.href} href={item.href} aria-current={item.href === active ? "page" : undefined}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
