// For integration tests that count or change the whole estate: a database of the file's own, created
// and migrated before its tests and dropped after them.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject("databaseUrl") });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export function useOwnDatabase(prefix: string) {
  const name = `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = Object.assign(new URL(inject("databaseUrl")), { pathname: `/${name}` }).toString();
    await migrate(url);
    await disconnectDb();
    process.env.DATABASE_URL = url;
  });
  afterAll(async () => {
    await disconnectDb();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
}
