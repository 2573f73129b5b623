// Every HTTP operation Edgewise serves, with the zod schemas it validates: the source of the OpenAPI
// document, and checked by a test against the route files so no route goes undocumented.
import { z } from "zod";
import { teamCreateSchema, teamUpdateSchema } from "@/lib/admin/teams";
import { userCreateSchema, userUpdateSchema } from "@/lib/admin/users";
import { tokenCreateSchema } from "@/lib/auth/api-tokens";
import { auditFilterSchema, auditListQuerySchema } from "@/lib/audit-log";
import type { Scope } from "@/lib/auth/permissions";
import { integrationListQuerySchema } from "@/lib/catalog/integration-list";
import { integrationSchema } from "@/lib/catalog/integration-schema";
import { serviceListQuerySchema, serviceSchema, serviceUpdateSchema } from "@/lib/catalog/services";
import { evidenceSchema } from "@/lib/decisions/evidence-schema";
import { importSchema } from "@/lib/decisions/import-export";
import { decisionListQuerySchema, decisionSchema, decisionUpdateSchema, reviewSchema, transitionSchema } from "@/lib/decisions/schema";
import { findingsQuerySchema } from "@/lib/governance/findings";
import { journeySchema, journeyUpdateSchema } from "@/lib/governance/journeys";
import { simulateSchema } from "@/lib/governance/simulate/scenario-schema";
import { policyUpdateSchema } from "@/lib/governance/policies";
import { bulkWaiverSchema, waiverListQuerySchema, waiverSchema } from "@/lib/governance/waivers";
import { searchQuerySchema } from "@/lib/search/search";
import { preferencesResponse, preferencesUpdateSchema } from "@/lib/preferences/schema";
import { searchResponse } from "./responses/search";
import { exemplarQuerySchema } from "@/lib/telemetry/exemplar-query";
import { latencyQuerySchema } from "@/lib/telemetry/latency";
import { driftQuerySchema } from "@/lib/slo/drift-board";
import { heatmapQuerySchema } from "@/lib/telemetry/heatmap";
import { annotationQuerySchema, annotationSchema } from "@/lib/catalog/annotations";
import { channelCreateSchema, channelUpdateSchema, deadLetterReplaySchema, deliveryListQuerySchema, ruleCreateSchema, ruleUpdateSchema } from "@/lib/notifications/schema";
import { catalogExportQuerySchema, catalogImportQuerySchema, catalogImportSchema } from "@/lib/catalog/as-code/import";
import { catalogImportResponse, channelTestResponse, decisionImportResponse, replayedDeliveryResponse, replayedResponse, simulationResponse } from "./responses/actions";
import { auditPageResponse, channelResponse, createdChannelResponse, updatedChannelResponse, createdTokenResponse, deliveryPageResponse, ruleResponse, tokenResponse, userResponse } from "./responses/admin";
import { annotationResponse, historyResponse, integrationPageResponse, integrationResponse, serviceResponse, teamResponse } from "./responses/catalog";
import { annotationPageResponse, channelPageResponse, decisionPageResponse, journeyPageResponse, patternPageResponse, policyPageResponse, rulePageResponse, scorecardPageResponse, servicePageResponse, teamPageResponse, tokenPageResponse, userPageResponse, waiverPageResponse } from "./responses/pages";
import { decisionDetailResponse, decisionResponse, evidenceListResponse, evidenceResponse, inboxResponse, reviewResponse } from "./responses/decisions";
import { findingsResponse, journeyResponse, patternResponse, policyResponse, scorecardResponse, waiverResponse } from "./responses/governance";
import { documentResponse, healthResponse, liveResponse, readyResponse } from "./responses/system";
import { driftResponse, exemplarsResponse, heatmapResponse, latencyResponse, observedEdgesResponse, otlpLogsResponse, otlpMetricsResponse, otlpTracesResponse, sloResponse } from "./responses/telemetry";

export interface Operation {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  tag: string;
  /** The token scope needed (sessions need the matching role instead); null = no authentication. */
  scope: Scope | null;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Response media type when not JSON. */
  produces?: string;
  /** What a success answers (JSON), from lib/http/responses; app/api/responses.int.test.ts checks real answers against it. */
  response?: z.ZodType;
  /** The success status, where the route answers another one than route() picks by method. */
  status?: 200 | 201 | 202 | 204;
  /** A file to save: what the success answer's Content-Disposition names. */
  attachment?: string;
  /** The same resource in another form at this path plus a suffix (`GET /api/decisions/12.md`), documented as a path of its own. */
  alternate?: { suffix: string; produces: string; summary: string; attachment?: string };
}

const op = (method: Operation["method"], path: string, tag: string, scope: Scope | null, summary: string, extra: Partial<Operation> = {}): Operation => ({ method, path, tag, scope, summary, ...extra });
const mergePatch = z.record(z.string(), z.unknown()).describe("JSON merge patch (RFC 7396) of the integration-point declaration");

export const operations: Operation[] = [
  op("GET", "/api/health", "System", null, "Liveness and database reachability; 503 when the database is down", { response: healthResponse }),
  op("GET", "/api/health/live", "System", null, "Liveness for orchestrators: 200 while the process answers; never touches the database, so an outage does not get the server restarted", { response: liveResponse }),
  op("GET", "/api/health/ready", "System", null, "Readiness for load balancers: 200 when the database answers, every shipped migration is applied and the five-minute roll-up is within EDGEWISE_READY_ROLLUP_STALL_MINUTES; 503 names the failed check", { response: readyResponse }),
  op("GET", "/api/openapi.json", "System", null, "This document", { response: documentResponse }),
  op("GET", "/metrics", "System", "metrics:read", "Prometheus text exposition: Edgewise's own health and each live integration point's p99, budget, SLO budget left, burn rates and status (no auth with EDGEWISE_METRICS_PUBLIC=1)", { produces: "text/plain" }),
  op("GET", "/api/me/preferences", "Account", "catalog:read", "The caller's own display preferences: timeZone (browser or utc) for charts and times, singleKeyShortcuts (whether j, k, g, ? and / act)", { response: preferencesResponse }),
  op("PATCH", "/api/me/preferences", "Account", "catalog:read", "Change some of the caller's own display preferences; fields left out stay as they are (any signed-in role; a token changes its user's)", { body: preferencesUpdateSchema, response: preferencesResponse }),
  op("GET", "/api/search", "Search", "catalog:read", "Find integration points, services, teams, journeys and decision records by key, slug, name or title (q, limit per kind, kinds): case-insensitive, exact matches first, then prefixes, then substrings (three characters or more); grouped by kind, retired integration points left out as in the catalog list", { query: searchQuerySchema, response: searchResponse }),
  op("GET", "/api/teams", "Teams", "catalog:read", "List teams", { response: teamPageResponse }),
  op("POST", "/api/teams", "Teams", "admin", "Create a team", { body: teamCreateSchema , response: teamResponse }),
  op("GET", "/api/teams/{slug}", "Teams", "catalog:read", "Read a team with its members", { response: teamResponse }),
  op("PATCH", "/api/teams/{slug}", "Teams", "admin", "Rename a team or set its members", { body: teamUpdateSchema , response: teamResponse }),
  op("DELETE", "/api/teams/{slug}", "Teams", "admin", "Delete a team that owns no services"),
  op("GET", "/api/services", "Services", "catalog:read", "List services", { query: serviceListQuerySchema , response: servicePageResponse }),
  op("POST", "/api/services", "Services", "catalog:write", "Create a service", { body: serviceSchema , response: serviceResponse }),
  op("GET", "/api/services/{slug}", "Services", "catalog:read", "Read a service", { response: serviceResponse }),
  op("PATCH", "/api/services/{slug}", "Services", "catalog:write", "Change a service", { body: serviceUpdateSchema , response: serviceResponse }),
  op("DELETE", "/api/services/{slug}", "Services", "catalog:write", "Delete a service"),
  op("GET", "/api/integrations", "Integrations", "catalog:read", "List integration points (filters, search, sort, cursor paging)", { query: integrationListQuerySchema , response: integrationPageResponse }),
  op("POST", "/api/integrations", "Integrations", "catalog:write", "Declare an integration point; answers 201 with ETag and Location", { body: integrationSchema , response: integrationResponse }),
  op("GET", "/api/integrations/{key}", "Integrations", "catalog:read", "Read an integration point; the ETag is its version", { response: integrationResponse }),
  op("PATCH", "/api/integrations/{key}", "Integrations", "catalog:write", "Change an integration point; send If-Match, a stale one answers 409", { body: mergePatch , response: integrationResponse }),
  op("DELETE", "/api/integrations/{key}", "Integrations", "catalog:write", "Retire an integration point (it and its history stay readable)", { response: integrationResponse }),
  op("GET", "/api/integrations/{key}/history", "Integrations", "catalog:read", "Every change with who, when and a field-by-field diff", { response: historyResponse }),
  op("GET", "/api/integrations/{key}/latency", "Telemetry", "catalog:read", "Observed p50/p95/p99, calls and errors, attempts, logical calls and throttled calls per step (from, to, step)", { query: latencyQuerySchema , response: latencyResponse }),
  op("GET", "/api/integrations/{key}/exemplars", "Telemetry", "catalog:read", "Exemplars: the slowest calls and first errors per minute over a range (from, to, limit), slowest first, with the trace URL template; spread=N keeps the slowest limit/N of each of N equal slots of the range", { query: exemplarQuerySchema , response: exemplarsResponse }),
  op("GET", "/api/integrations/{key}/heatmap", "Telemetry", "catalog:read", "Latency distribution: calls per log-spaced latency band per step (from, to, step)", { query: heatmapQuerySchema , response: heatmapResponse }),
  op("GET", "/api/integrations/{key}/slo", "Telemetry", "catalog:read", "SLO compliance, error budget left, burn rates and alert state for both SLOs", { response: sloResponse }),
  op("GET", "/api/annotations", "Telemetry", "catalog:read", "Chart annotations (accepted decisions, deploys, incidents)", { query: annotationQuerySchema , response: annotationPageResponse }),
  op("GET", "/api/drift", "Telemetry", "catalog:read", "Integration points ranked by drift or by projected time to breach: baseline vs 24 h and 7 d p99, trend, change point, daily p99 (sort, team, limit)", { query: driftQuerySchema , response: driftResponse }),
  op("POST", "/api/annotations", "Telemetry", "catalog:write", "Mark a deploy or an incident on integration points' charts", { body: annotationSchema , response: annotationResponse }),
  op("GET", "/api/telemetry/observed-edges", "Telemetry", "catalog:read", "Traffic on edges nobody declared, and declared integration points gone silent", { response: observedEdgesResponse }),
  op("POST", "/v1/traces", "Telemetry", "telemetry:write", "OTLP/HTTP traces (JSON or protobuf, gzip accepted); 200 means folded and committed; errors are a google.rpc.Status in the request's encoding", { body: z.record(z.string(), z.unknown()).describe("ExportTraceServiceRequest (OTLP/JSON)") , response: otlpTracesResponse }),
  op("POST", "/v1/metrics", "Telemetry", "telemetry:write", "OTLP/HTTP metrics: spanmetrics and servicegraph histograms (JSON or protobuf, gzip accepted); 200 means folded and committed; errors are a google.rpc.Status in the request's encoding", { body: z.record(z.string(), z.unknown()).describe("ExportMetricsServiceRequest (OTLP/JSON)") , response: otlpMetricsResponse }),
  op("POST", "/v1/logs", "Telemetry", "telemetry:write", "OTLP/HTTP logs, accepted and dropped: Edgewise stores no logs, so a valid request answers 200 with every log record in partialSuccess.rejectedLogRecords (OTLP clients do not retry it) and the records are counted on Settings → Telemetry; bad requests answer as for traces", { body: z.record(z.string(), z.unknown()).describe("ExportLogsServiceRequest (OTLP/JSON)") , response: otlpLogsResponse }),
  op("POST", "/api/v1/write", "Telemetry", "telemetry:write", "Prometheus remote write 1.0 (snappy-compressed protobuf WriteRequest): span-metric classic histograms (Tempo metrics-generator, Collector spanmetrics, servicegraph) folded like OTLP; 204 means folded and committed; 400 is not retried; 429/503 carry Retry-After", { body: z.string().describe("prometheus.WriteRequest, protobuf, snappy block-compressed"), status: 204 }),
  op("POST", "/api/catalog/import", "Catalog as code", "catalog:write", "Import catalog YAML (JSON {files, dryRun, prune}, or raw application/yaml); answers the plan: created, changed with field diffs, retired, unchanged", { body: catalogImportSchema, query: catalogImportQuerySchema, response: catalogImportResponse }),
  op("GET", "/api/catalog/schema", "Catalog as code", null, "The JSON Schema of Edgewise YAML (for editors: yaml-language-server $schema)", { produces: "application/schema+json" , response: documentResponse }),
  op("GET", "/api/catalog/export", "Catalog as code", "catalog:read", "The whole catalog as multi-document YAML (format edgewise, backstage or openslo), or a Prometheus rule file (format prometheus-rules, metrics collector or tempo)", { query: catalogExportQuerySchema, produces: "application/yaml", attachment: 'attachment; filename="catalog.yaml" (catalog-backstage.yaml, catalog-openslo.yaml, edgewise-rules.yaml by format)' }),
  op("GET", "/api/journeys", "Journeys", "catalog:read", "List journeys with their budget composition", { response: journeyPageResponse }),
  op("POST", "/api/journeys", "Journeys", "catalog:write", "Create a journey", { body: journeySchema , response: journeyResponse }),
  op("GET", "/api/journeys/{slug}", "Journeys", "catalog:read", "Read a journey and its budget waterfall", { response: journeyResponse }),
  op("PATCH", "/api/journeys/{slug}", "Journeys", "catalog:write", "Change a journey", { body: journeyUpdateSchema , response: journeyResponse }),
  op("DELETE", "/api/journeys/{slug}", "Journeys", "catalog:write", "Delete a journey"),
  op("POST", "/api/journeys/{slug}/simulate", "Journeys", "catalog:read", "What if: simulate the journey over its steps' observed latency (or declared budgets) with and without a scenario of per-step changes; read-only", { body: simulateSchema, response: simulationResponse }),
  op("GET", "/api/policies", "Governance", "catalog:read", "The policy rules with their settings", { response: policyPageResponse }),
  op("PATCH", "/api/policies/{rule}", "Governance", "catalog:write", "Switch a rule on or off, tune its thresholds (architects)", { body: policyUpdateSchema , response: policyResponse }),
  op("GET", "/api/patterns", "Governance", "catalog:read", "The pattern blueprints: each design field's default, the rules the defaults satisfy, traits, trade-offs and when to use it", { response: patternPageResponse }),
  op("GET", "/api/patterns/{name}", "Governance", "catalog:read", "One pattern blueprint; 404 names the known patterns", { response: patternResponse }),
  op("GET", "/api/policies/findings", "Governance", "catalog:read", "Findings over the estate (filters); groupBy=rule|team|integration adds every group's counts and orders items by group; limit and cursor page the items (nextCursor, total)", { query: findingsQuerySchema , response: findingsResponse }),
  op("GET", "/api/waivers", "Governance", "catalog:read", "List waivers", { query: waiverListQuerySchema , response: waiverPageResponse }),
  op("POST", "/api/waivers", "Governance", "catalog:write", "Grant a waiver (architects)", { body: waiverSchema , response: waiverResponse }),
  op("POST", "/api/waivers/bulk", "Governance", "catalog:write", "Waive several findings ({rule, integration} each, at most 500) citing one decision record, with one reason and expiry (architects); all or nothing: any refused finding is named in the error and nothing is waived", { body: bulkWaiverSchema, response: waiverPageResponse }),
  op("DELETE", "/api/waivers/{id}", "Governance", "catalog:write", "Revoke a waiver (architects)", { response: waiverResponse }),
  op("GET", "/api/scorecards", "Governance", "catalog:read", "Team scorecards with their daily trend", { response: scorecardPageResponse }),
  op("GET", "/api/decisions", "Decisions", "catalog:read", "List decision records", { query: decisionListQuerySchema , response: decisionPageResponse }),
  op("POST", "/api/decisions", "Decisions", "decisions:write", "Draft a decision record", { body: decisionSchema , response: decisionResponse }),
  op("GET", "/api/decisions/{number}", "Decisions", "catalog:read", "A record with its timeline and the actions open to the caller; {number}.md gives MADR Markdown", {
    response: decisionDetailResponse,
    alternate: { suffix: ".md", produces: "text/markdown", summary: "The record as one MADR 4 Markdown file, its evidence included (what the zip export holds for it)", attachment: "attachment; filename=\"NNNN-kebab-title.md\"" },
  }),
  op("PATCH", "/api/decisions/{number}", "Decisions", "decisions:write", "Edit a draft or proposed record (a new revision)", { body: decisionUpdateSchema , response: decisionResponse }),
  op("POST", "/api/decisions/{number}/reviews", "Decisions", "decisions:write", "Review: approve or request changes (architects) or comment", { body: reviewSchema , response: reviewResponse }),
  op("POST", "/api/decisions/{number}/transitions", "Decisions", "decisions:write", "Move a record through its workflow; 409 lists the allowed transitions", { body: transitionSchema , response: decisionResponse }),
  op("GET", "/api/decisions/{number}/evidence", "Decisions", "catalog:read", "The record's evidence items (what-if simulations, latency snapshots), oldest first; immutable", { response: evidenceListResponse }),
  op("POST", "/api/decisions/{number}/evidence", "Decisions", "decisions:write", "Attach evidence computed now: a journey what-if {kind: simulation, journey, scenario, requests?, seed?, from?, to?} or a latency snapshot of a linked integration {kind: latency-snapshot, integration, from?, to?}; draft or proposed records, by those who may edit them", { body: evidenceSchema , response: evidenceResponse }),
  op("GET", "/api/decisions/inbox", "Decisions", "catalog:read", "How many records await the caller's review", { response: inboxResponse }),
  op("GET", "/api/decisions/export", "Decisions", "catalog:read", "All records as a zip of MADR files", { produces: "application/zip", attachment: 'attachment; filename="decisions.zip"' }),
  op("POST", "/api/decisions/import", "Decisions", "decisions:write", "Import MADR files (architects); dry run by default", { body: importSchema, status: 200, response: decisionImportResponse }),
  op("GET", "/api/users", "Administration", "admin", "List users", { response: userPageResponse }),
  op("POST", "/api/users", "Administration", "admin", "Create a user", { body: userCreateSchema , response: userResponse }),
  op("PATCH", "/api/users/{id}", "Administration", "admin", "Change a user's role, teams, password or status", { body: userUpdateSchema , response: userResponse }),
  op("GET", "/api/tokens", "Administration", "admin", "List API tokens", { response: tokenPageResponse }),
  op("POST", "/api/tokens", "Administration", "admin", "Create an API token; the response holds the token, shown once", { body: tokenCreateSchema , response: createdTokenResponse }),
  op("DELETE", "/api/tokens/{id}", "Administration", "admin", "Revoke an API token", { response: tokenResponse }),
  op("GET", "/api/notifications/channels", "Notifications", "catalog:write", "List notification channels with their breaker state and last success (members: their teams' channels)", { response: channelPageResponse }),
  op("POST", "/api/notifications/channels", "Notifications", "catalog:write", "Create a channel (webhook, slack, alertmanager); a webhook's signing secret is in this response only", { body: channelCreateSchema , response: createdChannelResponse }),
  op("GET", "/api/notifications/channels/{id}", "Notifications", "catalog:write", "Read a channel", { response: channelResponse }),
  op("PATCH", "/api/notifications/channels/{id}", "Notifications", "catalog:write", "Change a channel; rotateSecret answers the new secret once", { body: channelUpdateSchema , response: updatedChannelResponse }),
  op("DELETE", "/api/notifications/channels/{id}", "Notifications", "catalog:write", "Delete a channel with its rules and delivery log"),
  op("POST", "/api/notifications/channels/{id}/test", "Notifications", "catalog:write", "Send a test event now and answer the outcome", { status: 200, response: channelTestResponse }),
  op("GET", "/api/notifications/rules", "Notifications", "catalog:write", "List alert rules", { response: rulePageResponse }),
  op("POST", "/api/notifications/rules", "Notifications", "catalog:write", "Create a rule: event types, filters (teams, integrations, minSeverity), channel, muted", { body: ruleCreateSchema , response: ruleResponse }),
  op("PATCH", "/api/notifications/rules/{id}", "Notifications", "catalog:write", "Change a rule", { body: ruleUpdateSchema , response: ruleResponse }),
  op("DELETE", "/api/notifications/rules/{id}", "Notifications", "catalog:write", "Delete a rule"),
  op("GET", "/api/notifications/deliveries", "Notifications", "catalog:write", "The delivery log with every attempt (filters: channel, state; cursor paging)", { query: deliveryListQuerySchema , response: deliveryPageResponse }),
  op("POST", "/api/notifications/deliveries/{id}/replay", "Notifications", "catalog:write", "Replay a dead letter", { status: 202, response: replayedDeliveryResponse }),
  op("POST", "/api/notifications/dead-letters/replay", "Notifications", "catalog:write", "Replay all dead letters of a channel, or all", { body: deadLetterReplaySchema, status: 202, response: replayedResponse }),
  op("GET", "/api/audit", "Administration", "admin", "The audit log, newest first (filters: actor, entityType, action, from, to; cursor paging)", { query: auditListQuerySchema , response: auditPageResponse }),
  op("GET", "/api/audit/export", "Administration", "admin", "The filtered audit log as CSV (formula-looking cells made inert)", { query: auditFilterSchema, produces: "text/csv", attachment: 'attachment; filename="edgewise-audit-<time>.csv"' }),
];
