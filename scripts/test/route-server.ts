// Serves route handlers over real HTTP from a process of its own (its own Prisma pool, limits and
// memory, as a second server has): prints its URL once listening; ends on SIGTERM.
import http from "node:http";
import type net from "node:net";
import { NextRequest } from "next/server";
import { disconnectDb } from "../../lib/db/client";

export function serveRoute(route: (req: NextRequest) => Promise<Response>) {
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
}
