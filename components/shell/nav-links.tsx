"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

import { NAV_ITEMS } from "./nav-items";

/** Services and teams are views of the catalog, so Catalog stays lit there. */
const ALIASES: Record<string, string[]> = { "/catalog": ["/services", "/teams"] };

function isActive(pathname: string, href: string) {
  if (href === "/") return pathname === "/";
  return [href, ...(ALIASES[href] ?? [])].some((h) => pathname === h || pathname.startsWith(`${h}/`));
}

/** `awaitingReview`: decision records waiting for this user's review, shown beside Decisions. */
export function NavLinks({ awaitingReview = 0 }: { awaitingReview?: number }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="btn btn-ghost menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
        <span aria-hidden>☰</span>
        <span className="sr-only">Menu</span>
      </button>
      <nav id="main-nav" className="nav" aria-label="Main" data-open={open} onClick={() => setOpen(false)}>
        {NAV_ITEMS.map((item) => (
          <Link key={item.href} href={item.href} aria-current={isActive(pathname, item.href) ? "page" : undefined}>
            {item.label}
            {item.href === "/decisions" && awaitingReview > 0 && (
              <span className="nav-count" data-testid="review-inbox" title={`${awaitingReview} awaiting your review`}>
                {awaitingReview}
              </span>
            )}
          </Link>
        ))}
      </nav>
    </>
  );
}
