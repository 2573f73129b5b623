// The catalog as it stands, in the normalized forms import compares against and export writes out
// (pure types and helpers; lib/catalog/as-code/load-state.ts reads it from the database).
import type { IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import type { JourneySpec, ServiceSpec, TeamSpec } from "./validate";

export interface CurrentService extends Omit<ServiceSpec, "telemetryName"> {
  /** Always resolved: the service's slug when it was never set. */
  telemetryName: string;
}

export interface CatalogState {
  teams: Map<string, { id: string; spec: TeamSpec }>;
  services: Map<string, { id: string; teamId: string; spec: CurrentService }>;
  /** Every integration point, retired ones included (a key stays taken once used). */
  integrations: Map<string, { id: string; teamId: string; declaration: IntegrationDeclaration }>;
  journeys: Map<string, { id: string; teamId: string; spec: JourneySpec }>;
}

export const emptyState = (): CatalogState => ({ teams: new Map(), services: new Map(), integrations: new Map(), journeys: new Map() });

/** A service as stored: an unset telemetry name follows the slug. */
export function normalizeService(s: ServiceSpec): CurrentService {
  return { ...s, telemetryName: s.telemetryName ?? s.slug };
}

/**
 * A declaration as the API shows it once stored: unset telemetry names follow the services' own
 * (the same resolution `declarationOf` applies), so comparisons see only real differences.
 */
export function normalizeDeclaration(d: IntegrationDeclaration, telemetryNameOf: (service: string) => string): IntegrationDeclaration {
  return {
    ...d,
    telemetry: {
      sourceName: d.telemetry?.sourceName ?? telemetryNameOf(d.sourceService),
      targetName: d.telemetry?.targetName ?? telemetryNameOf(d.targetService),
      operation: d.telemetry?.operation ?? null,
      side: d.telemetry?.side ?? "client",
    },
  };
}
