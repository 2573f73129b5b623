// Authentication on the request path: bearer-token verification (every API and ingestion request)
// and password verification (every sign-in), on a throwaway embedded PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import { scratchDataDir, startEmbedded } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { timeEach } from "./stats";

export async function run() {
  const dataDir = scratchDataDir("edgewise-bench-");
  const server = await startEmbedded({ dataDir });
  try {
    await migrate(server.url);
    process.env.DATABASE_URL = server.url;
    const { db, disconnectDb } = await import("../../lib/db/client");
    const { createToken, verifyToken } = await import("../../lib/auth/api-tokens");
    const { systemActor } = await import("../../lib/auth/actor");
    const { hashPassword, verifyPassword } = await import("../../lib/auth/password");

    await db().user.create({ data: { email: "bench@edgewise.local", name: "Bench", role: "member" } });
    const tokens = await Promise.all(
      Array.from({ length: 200 }, (_, i) => createToken(systemActor("bench"), { name: `t${i}`, scopes: ["telemetry:write"], userEmail: "bench@edgewise.local" })),
    );
    const pick = (i: number) => tokens[i % tokens.length]!.token;

    await timeEach(500, 8, (i) => verifyToken(pick(i))); // warm-up: connections, prepared plans
    const tokenSerial = await timeEach(3000, 1, (i) => verifyToken(pick(i)));
    const tokenConcurrent = await timeEach(10000, 16, (i) => verifyToken(pick(i)));
    const unknown = await timeEach(3000, 16, () => verifyToken(`ew_${"x".repeat(43)}`));
    const hash = await hashPassword("bench-password-123");
    const password = await timeEach(40, 1, () => verifyPassword("bench-password-123", hash));

    const figures = {
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      verifyTokenSerial: tokenSerial,
      verifyTokenConcurrency16: tokenConcurrent,
      verifyUnknownTokenConcurrency16: unknown,
      verifyPasswordScrypt: password,
    };
    console.log("Token verification, 1 at a time:      ", tokenSerial);
    console.log("Token verification, 16 concurrent:    ", tokenConcurrent);
    console.log("Unknown token rejection, 16 concurrent:", unknown);
    console.log("Password verification (scrypt N=2^14): ", password);
    await disconnectDb();
    return figures;
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
