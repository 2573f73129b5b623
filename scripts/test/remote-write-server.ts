// A separate server process for the remote-write tests: POST /api/v1/write through the real route
// handler over real HTTP, into the database named by DATABASE_URL (or a closed port: the database is
// down). Prints its URL once listening; ends on SIGTERM. Args: [maxConcurrent]
import http from "node:http";
import type net from "node:net";
import { NextRequest } from "next/server";
import { disconnectDb } from "../../lib/db/client";
import { ConcurrencyGate, TokenBuckets } from "../../lib/telemetry/overload";
import { remoteWriteRoute } from "../../lib/telemetry/remote-write-http";

const route = remoteWriteRoute({ gate: new ConcurrencyGate(Number(process.argv[2] ?? 16)), buckets: new TokenBuckets(100_000, 100_000) });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string"));
    const answer = await route(new NextRequest(`http://localhost${req.url}`, { method: "POST", headers, body: new Uint8Array(Buffer.concat(chunks)) }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  });
});
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`));
process.on("SIGTERM", () => server.close(() => void disconnectDb().finally(() => process.exit(0))));
