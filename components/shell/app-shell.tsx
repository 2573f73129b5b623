// The frame of every signed-in page: product name, navigation, theme, user menu.
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function AppShell({ user, children }: { user: { name: string; email: string; role: string }; children: ReactNode }) {
  return (
    <>
      <header className="shell-header">
        <Link href="/" className="brand">
          <img src="/icon.svg" alt="" className="brand-mark" />
          Edgewise
        </Link>
        <NavLinks />
        <div className="header-actions">
          <ThemeToggle />
          <UserMenu {...user} />
        </div>
      </header>
      <main className="main">{children}</main>
    </>
  );
}
