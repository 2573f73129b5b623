"use client";
// The board failed on the server (most often the database): say so, and offer to try again.
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { PageHeader } from "@/components/ui/page-header";

export default function DriftError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  return (
    <>
      <PageHeader title="Drift" />
      <div className="card empty" role="alert" data-testid="drift-error">
        <h2>The drift board could not be loaded</h2>
        <p>
          Reading the latency histograms failed{error.digest ? ` (reference ${error.digest})` : ""}. If the database is restarting, this page works again in a
          moment.
        </p>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
        >
          Try again
        </button>
      </div>
    </>
  );
}
