"use client";
// The error state of a page that failed on the server. It asks /api/health why: when the database is
// down it says so and retries by itself until the database is back; otherwise it offers a retry.
import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useState } from "react";

type Cause = "checking" | "database" | "other";

const RETRY_MS = 3000;

async function databaseDown(): Promise<boolean> {
  try {
    const res = await fetch("/api/health", { cache: "no-store" });
    return res.status === 503;
  } catch {
    return false; // the server itself is unreachable: not something this page can tell apart
  }
}

export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [cause, setCause] = useState<Cause>("checking");
  const retry = useCallback(() => {
    startTransition(() => {
      router.refresh();
      reset();
    });
  }, [router, reset]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (wasDown: boolean) => {
      const down = await databaseDown();
      if (cancelled) return;
      if (down) {
        setCause("database");
        timer = setTimeout(() => void check(true), RETRY_MS);
      } else if (wasDown) {
        retry(); // the database is back: render the page again
      } else {
        setCause("other");
      }
    };
    void check(false);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [retry]);

  if (cause === "database") {
    return (
      <div className="card empty" role="alert" data-state="database-unavailable">
        <h2>Database unavailable — retrying</h2>
        <p>Edgewise can’t reach its database right now. Nothing you saved has been lost; this page reloads by itself as soon as the database is back.</p>
        <p className="muted" aria-live="polite">
          Checking every {RETRY_MS / 1000} seconds…
        </p>
      </div>
    );
  }
  return (
    <div className="card empty" role="alert" data-state="page-error">
      <h2>This page could not load</h2>
      <p>{cause === "checking" ? "Checking whether Edgewise’s database is reachable…" : "Something went wrong on the server. Try again; if it keeps happening, tell your Edgewise administrator."}</p>
      {error.digest && <p className="muted">Reference: {error.digest}</p>}
      <button type="button" className="btn btn-primary" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
