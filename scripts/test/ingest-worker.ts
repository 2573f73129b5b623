// A separate process that ingests OTLP batches into the database named by DATABASE_URL: the
// two-process exactness test runs two of these at once. Args: <source> <target> <batches> <spans> <seed> <startNs>
import { systemActor } from "../../lib/auth/actor";
import { disconnectDb } from "../../lib/db/client";
import { ingest } from "../../lib/telemetry/ingest";
import { jsonCodec } from "../../lib/telemetry/otlp-codec";

const [source, target, batches, spans, seed, startArg] = process.argv.slice(2);
const startNs = BigInt(startArg!);
const actor = { ...systemActor("worker"), role: "member" as const, scopes: ["telemetry:write" as const] };
let accepted = 0;
for (let b = 0; b < Number(batches); b++) {
  const payload = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: source } }, { key: "worker.batch", value: { stringValue: `${seed}-${b}` } }] },
        scopeSpans: [
          {
            spans: Array.from({ length: Number(spans) }, (_, i) => ({
              traceId: "5b8efff798038103d269b633813fc60c",
              spanId: (i + 1).toString(16).padStart(16, "0"),
              name: "call",
              kind: 3,
              startTimeUnixNano: String(startNs),
              endTimeUnixNano: String(startNs + BigInt((1 + ((b * 31 + i) % 100)) * 1_000_000)),
              attributes: [{ key: "peer.service", value: { stringValue: target } }],
            })),
          },
        ],
      },
    ],
  };
  const result = await ingest("traces", actor, jsonCodec, Buffer.from(JSON.stringify(payload)));
  accepted += result.accepted;
}
await disconnectDb();
console.log(JSON.stringify({ accepted }));
