// The frame of every signed-in page: product name, navigation, search and shortcuts, theme, user menu.
import Link from "next/link";
import type { ReactNode } from "react";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function AppShell({ user, awaitingReview, children }: { user: { name: string; email: string; role: string }; awaitingReview: number; children: ReactNode }) {
  return (
    <>
      {/* The first stop for keyboard users: past the header straight to the page. */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <Link href="/" className="brand">
          <img src="/icon.svg" alt="" className="brand-mark" />
          Edgewise
        </Link>
        <NavLinks awaitingReview={awaitingReview} />
        <div className="header-actions">
          <KeyboardShortcuts />
          <ThemeToggle />
          <UserMenu {...user} />
        </div>
      </header>
      <main className="main" id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
