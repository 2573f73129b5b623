// The telemetry-derived health statuses of an integration point (lib/slo/health-status.ts defines
// each); kept apart so forms and filters in the browser can list them.
export const integrationStatuses = ["ok", "warning", "breaching", "no-data", "silent"] as const;
export type IntegrationStatus = (typeof integrationStatuses)[number];
