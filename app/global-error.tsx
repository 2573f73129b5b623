"use client";
// Errors in the root layout itself: it replaces the whole document, so it brings its own <html>.
import { PageError } from "@/components/errors/page-error";
import "./globals.css";

export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="main">
          <PageError {...props} />
        </main>
      </body>
    </html>
  );
}
