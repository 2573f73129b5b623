"use client";
import { RouteError } from "@/components/governance/route-error";

export default function ScorecardsError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="the scorecards" />;
}
