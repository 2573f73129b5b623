// A separate ingestion server process with the production limits (from the environment, token
// buckets shared through the database): POST /v1/traces and /api/v1/write through the real route
// handlers. Prints its URL once listening; ends on SIGTERM.
import { otlpRoute } from "../../lib/telemetry/otlp-http";
import { remoteWriteRoute } from "../../lib/telemetry/remote-write-http";
import { serveRoute } from "./route-server";

const traces = otlpRoute("traces");
const remoteWrite = remoteWriteRoute();
serveRoute((req) => (req.nextUrl.pathname === "/api/v1/write" ? remoteWrite(req) : traces(req)));
