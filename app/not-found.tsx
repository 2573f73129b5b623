import Link from "next/link";
import { NAV_ITEMS } from "@/components/shell/nav-items";

export default function NotFound() {
  return (
    <main className="main" id="main">
      <div className="card empty" data-testid="not-found">
        <h2>Page not found</h2>
        <p>There is nothing at this address. It may have been renamed, retired or never existed.</p>
        <Link className="btn" href="/">Back to the overview</Link>
        <nav aria-label="Main pages" style={{ marginTop: "1rem" }}>
          <p className="muted">Or go to:</p>
          <ul className="row" style={{ listStyle: "none", padding: 0, margin: 0, justifyContent: "center", flexWrap: "wrap", gap: ".75rem" }}>
            {NAV_ITEMS.filter((i) => i.href !== "/").map((i) => (
              <li key={i.href}>
                <Link href={i.href}>{i.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </main>
  );
}
