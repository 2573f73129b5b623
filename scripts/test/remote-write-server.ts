// A separate server process for the remote-write tests: POST /api/v1/write through the real route
// handler over real HTTP, into the database named by DATABASE_URL (or a closed port: the database is
// down). Prints its URL once listening; ends on SIGTERM. Args: [maxConcurrent]
import { ConcurrencyGate, TokenBuckets } from "../../lib/telemetry/overload";
import { remoteWriteRoute } from "../../lib/telemetry/remote-write-http";
import { serveRoute } from "./route-server";

serveRoute(remoteWriteRoute({ gate: new ConcurrencyGate(Number(process.argv[2] ?? 16)), buckets: new TokenBuckets(100_000, 100_000) }));
