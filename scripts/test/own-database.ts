// A database of its own for an integration-test file whose assertions read global state (roll-up
// progress, whole-estate queries): created and migrated before, dropped after.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: inject("databaseUrl") });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Registers the hooks; the Prisma client (lib/db/client) points at the new database inside them. */
export function useOwnDatabase(prefix: string): { url: () => string } {
  const name = `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const url = Object.assign(new URL(inject("databaseUrl")), { pathname: `/${name}` }).toString();
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    await migrate(url);
    await disconnectDb();
    process.env.DATABASE_URL = url;
  });
  afterAll(async () => {
    await disconnectDb();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return { url: () => url };
}
