"use client";
// Errors inside a signed-in page: the shell (navigation) stays, the page area shows why it failed.
import { PageError } from "@/components/errors/page-error";

export default function AppPageError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError {...props} />;
}
