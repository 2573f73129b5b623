"use client";
import { RouteError } from "@/components/governance/route-error";

export default function JourneysError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="journeys" />;
}
