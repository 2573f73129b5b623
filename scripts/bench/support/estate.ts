// A scratch embedded PostgreSQL with the demo estate, an API token and a way to sign in: what every
// benchmark and fault script that drives the production server starts from.
import fs from "node:fs";
import { scratchDataDir, startEmbedded, type EmbeddedServer } from "../../../lib/db/embedded-postgres";
import { migrate } from "../../../lib/db/migrate";
import type { Scope } from "../../../lib/auth/permissions";

export interface Estate {
  dataDir: string;
  database: EmbeddedServer;
  /** A member's token with these scopes (the demo estate's member owns checkout → payments). */
  token(scopes: Scope[], email?: string): Promise<string>;
  /** The integration point the OTLP batches of ./otlp.ts land on (checkout → payments in the demo estate). */
  batchTarget(): Promise<{ id: string; key: string }>;
  /** Stops the database and removes the data directory. */
  close(): Promise<void>;
}

export async function scratchEstate(prefix: string): Promise<Estate> {
  const dataDir = scratchDataDir(`edgewise-${prefix}-`);
  const database = await startEmbedded({ dataDir });
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    const { db } = await import("../../../lib/db/client");
    const { seedDemo } = await import("../../../prisma/seed");
    await seedDemo(db());
  } catch (err) {
    await database.stop();
    throw err;
  }
  return {
    dataDir,
    database,
    token: async (scopes, email = "member@edgewise.local") => {
      const { createToken } = await import("../../../lib/auth/api-tokens");
      const { systemActor } = await import("../../../lib/auth/actor");
      return (await createToken(systemActor("bench"), { name: `bench-${scopes.join("-")}`, scopes, userEmail: email })).token;
    },
    batchTarget: async () => {
      const { db } = await import("../../../lib/db/client");
      const row = await db().integrationPoint.findFirstOrThrow({
        where: { source: { slug: "checkout" }, target: { slug: "payments" } },
        orderBy: { key: "asc" },
        select: { id: true, key: true },
      });
      return row;
    },
    close: async () => {
      const { disconnectDb } = await import("../../../lib/db/client");
      await disconnectDb();
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through next-auth's credentials flow and returns the session cookie (`name=value`). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  if (!session) throw new Error(`Sign-in failed (${res.status})`);
  return session.split(";")[0]!;
}
