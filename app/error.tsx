"use client";
// Errors below the root layout, including the signed-in shell's own layout (which reads the database first).
import { PageError } from "@/components/errors/page-error";

export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="main">
      <PageError {...props} />
    </main>
  );
}
