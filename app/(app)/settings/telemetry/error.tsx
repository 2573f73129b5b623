"use client";
import { RouteError } from "@/components/governance/route-error";

export default function TelemetrySettingsError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="the telemetry status" />;
}
