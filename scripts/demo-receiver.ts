// `npm run demo:receiver`: a local webhook receiver that prints each notification Edgewise delivers.
// Options: --port 9099  --host 127.0.0.1  --secret <the channel's signing secret>
//          --fail-rate 0.3 (answer that share with --status)  --status 500  --retry-after <seconds>
// Point a webhook channel at http://127.0.0.1:9099/ (README, "Notifications").
import { parseArgs } from "node:util";
import { startReceiver } from "./webhook-receiver";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "9099" },
    host: { type: "string", default: "127.0.0.1" },
    secret: { type: "string" },
    "fail-rate": { type: "string" },
    status: { type: "string" },
    "retry-after": { type: "string" },
  },
});

function fail(message: string): never {
  console.error(`demo:receiver: ${message}`);
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not ${values.port}`);
const status = values.status === undefined ? 500 : Number(values.status);
if (!Number.isInteger(status) || status < 100 || status > 599) fail(`--status must be an HTTP status (100-599), not ${values.status}`);
// --status alone means "always answer that"; with --fail-rate, only that share of requests.
const failRate = values["fail-rate"] === undefined ? (values.status === undefined ? 0 : 1) : Number(values["fail-rate"]);
if (!(failRate >= 0 && failRate <= 1)) fail(`--fail-rate must be between 0 and 1, not ${values["fail-rate"]}`);
const retryAfterSeconds = values["retry-after"] === undefined ? null : Number(values["retry-after"]);
if (retryAfterSeconds !== null && !(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 0)) fail("--retry-after must be whole seconds");

const receiver = await startReceiver({ port, host: values.host, secret: values.secret ?? null, failRate, status, retryAfterSeconds, random: Math.random }).catch((err: unknown) =>
  fail(`could not listen on ${values.host}:${port}: ${err instanceof Error ? err.message : String(err)}`),
);
console.log(`Edgewise demo receiver listening on ${receiver.url}/`);
console.log(
  `  signatures: ${values.secret ? "verified with the given secret" : "not verified (pass --secret)"}; failing: ${failRate > 0 ? `${Math.round(failRate * 100)} % with ${status}` : "never"}`,
);
console.log(`  create a webhook channel with url ${receiver.url}/ and watch Settings → Notifications (Ctrl-C to stop)`);

const stop = async () => {
  await receiver.close();
  const s = receiver.stats;
  console.log(`\n${s.received} received, ${s.applied} applied, ${s.duplicates} duplicates ignored, ${s.failed} failed on purpose, ${s.badSignatures} bad signatures`);
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
