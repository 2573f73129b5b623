"use client";
// Retire: the integration point leaves the active catalog but keeps its declaration and history.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError } from "@/lib/client/fetch-json";
import { writeJson } from "../request";

export function RetireButton({ integrationKey, etag }: { integrationKey: string; etag: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retire() {
    if (!confirm(`Retire ${integrationKey}?\n\nIt leaves the active catalog; its declaration and history stay readable.`)) return;
    setPending(true);
    setError(null);
    try {
      await writeJson(`/api/integrations/${encodeURIComponent(integrationKey)}`, { method: "DELETE", ifMatch: etag });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? "Someone changed this integration point meanwhile; reload the page and try again." : err instanceof Error ? err.message : "Retiring failed");
    } finally {
      setPending(false);
    }
  }
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={retire} disabled={pending}>
        {pending ? "Retiring…" : "Retire"}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
