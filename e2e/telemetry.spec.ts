// Compatibility with the official OpenTelemetry JS exporters: spans with known durations, sent over
// HTTP/JSON and HTTP/protobuf to the running server, come back from the latency API with exact
// counts and percentiles within 1 %.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { OTLPLogExporter as LogsExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace";
import { expect, test } from "@playwright/test";
import { authFile, baseURL, bearer, cliCreateToken, declareEstate, unique } from "./support";

test.use({ storageState: authFile("member") });

async function spans(source: string, target: string, startMs: number, errorEvery: number): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": source }), spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
  const tracer = provider.getTracer("edgewise-e2e");
  for (let i = 1; i <= 100; i++) {
    const span = tracer.startSpan("authorize", { kind: SpanKind.CLIENT, startTime: startMs + i, attributes: { "peer.service": target, "rpc.system": "grpc" } });
    if (i % errorEvery === 0) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(startMs + i + i); // durations 1..100 ms
  }
  await provider.forceFlush();
  return memory.getFinishedSpans();
}

const send = (exporter: SpanExporter, batch: ReadableSpan[]) =>
  new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(batch, resolve));

test("spans from the official exporters (JSON and protobuf) come back exact from the latency API", async ({ request, page }) => {
  const token = await cliCreateToken({ name: unique("otel"), scopes: ["admin"], user: "admin@edgewise.local" });
  const headers = bearer(token);
  // Integration points of the test's own: the demo estate's come with 30 days of telemetry already.
  const estate = await declareEstate(request, token, [{ operation: "authorize", p99Ms: 250 }], "otel");
  const KEY = estate.key("authorize");
  const url = `${baseURL()}/v1/traces`;
  // A whole hour that ended at least an hour ago, so the batch falls in one step of the query below
  // and the 1 h range later on is empty whatever minute of the hour the test runs in.
  const hourMs = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;

  const json = await send(new JsonExporter({ url, headers }), await spans(estate.source, estate.target, hourMs + 60_000, 10));
  expect(json.error?.message ?? "").toBe("");
  expect(json.code).toBe(0);
  const proto = await send(new ProtoExporter({ url, headers }), await spans(estate.source, estate.target, hourMs + 120_000, 20));
  expect(proto.error?.message ?? "").toBe("");
  expect(proto.code).toBe(0);

  const from = new Date(hourMs).toISOString();
  const to = new Date(hourMs + 3_600_000).toISOString();
  const res = await request.get(`/api/integrations/${encodeURIComponent(KEY)}/latency?from=${from}&to=${to}&step=1h`, { headers });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { budget: { p99Ms: number }; resolution: string; series: { t: string; count: number; errors: number; p50: number; p95: number; p99: number }[] };
  expect(body.budget.p99Ms).toBe(250);
  expect(body.series).toHaveLength(1);
  const [point] = body.series;
  expect(point).toMatchObject({ t: from, count: 200, errors: 10 + 5 });
  // Durations 1..100 ms twice: the exact nearest-rank p50, p95 and p99 are 50, 95 and 99 ms.
  for (const [got, exact] of [[point!.p50, 50], [point!.p95, 95], [point!.p99, 99]] as const) {
    expect(Math.abs(got - exact) / exact).toBeLessThanOrEqual(0.01);
  }

  // The Latency tab charts it against the budget; a range with no calls says so, and the range is in the URL.
  await page.goto(`/catalog/${encodeURIComponent(KEY)}?tab=latency`);
  const chart = page.getByTestId("latency-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-label", /p99 budget of 250 ms, \d+ calls/);
  await expect(chart.getByText("p99 budget 250 ms", { exact: true })).toBeVisible();
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "1h" }).click();
  await expect(page).toHaveURL(/range=1h/);
  await expect(page.getByTestId("latency-empty")).toBeVisible();

  // Settings → Telemetry shows that data is arriving.
  await page.goto("/settings/telemetry");
  const status = page.getByTestId("ingestion-status");
  await expect(status).not.toContainText("Nothing received yet");
  await expect(page.getByTestId("collector-config")).toContainText("otlphttp/edgewise");
});

test("logs from the official OTLP logs exporter are answered as OTLP and counted as dropped on Settings → Telemetry", async ({ page }) => {
  const token = await cliCreateToken({ name: unique("otel-logs"), scopes: ["telemetry:write"], user: "admin@edgewise.local" });
  const exporter = new LogsExporter({ url: `${baseURL()}/v1/logs`, headers: bearer(token) });
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "e2e-logs" }), processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  for (let i = 0; i < 5; i++) provider.getLogger("e2e").emit({ body: `line ${i}`, severityText: "INFO" });
  await provider.forceFlush();
  const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(memory.getFinishedLogRecords(), resolve));
  // Partial success is success to the exporter (it logs the message and does not retry); an HTML 404 was a failure.
  expect(result.error?.message ?? "").toBe("");
  expect(result.code).toBe(0);
  await exporter.shutdown();

  // The tally reaches the database within seconds, best effort: reload until the row shows.
  await page.goto("/settings/telemetry");
  const row = page.getByTestId("rejections").getByRole("row").filter({ hasText: "logs_not_stored" });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText("log records");
  await expect(row.getByRole("cell").first()).toHaveText("logs");
});
