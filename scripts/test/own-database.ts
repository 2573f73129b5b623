// Databases of their own for integration-test files whose assertions read global state (roll-up
// progress, whole-estate queries) or need an empty estate (round trips): created and migrated, the
// Prisma client (lib/db/client) pointed at them, and dropped afterwards.
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

/** A new, migrated, empty database, with the Prisma client pointed at it. Drop it with dropDatabases. */
export async function createDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const url = Object.assign(new URL(inject("databaseUrl")), { pathname: `/${name}` }).toString();
  await admin(`CREATE DATABASE ${name}`);
  await migrate(url);
  await disconnectDb();
  process.env.DATABASE_URL = url;
  return { name, url };
}

/** Drops the databases (the client is disconnected first, and points back at the run's database). */
export async function dropDatabases(names: string[]): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = inject("databaseUrl");
  for (const name of names) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Registers hooks giving the whole file one database of its own. */
export function useOwnDatabase(prefix: string): void {
  let name = "";
  beforeAll(async () => {
    name = (await createDatabase(prefix)).name;
  });
  afterAll(() => dropDatabases([name]));
}
