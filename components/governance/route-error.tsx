"use client";
// What a governance page shows when its data could not be read: the reason and a way to retry.
import { useEffect } from "react";

export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  useEffect(() => console.error(error), [error]);
  return (
    <div className="card empty" role="alert">
      <h2>Could not load {what}</h2>
      <p>{error.message || "The server could not answer."} If the database was restarting, trying again usually works.</p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
