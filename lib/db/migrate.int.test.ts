import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { checksum, migrate, MigrationError } from "./migrate";

// Each test gets its own empty database on the run's server, and its own migrations folder.
const adminUrl = inject("databaseUrl");
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `mig_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const dirs: string[] = [];

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgewise-migrations-"));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tableExists = async (url: string, table: string) =>
  (await query<{ t: string | null }>(url, `SELECT to_regclass('public.${table}')::text AS t`))[0]?.t === table;

let url: string;
beforeEach(async () => {
  url = await freshDatabase();
});

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("migration runner", () => {
  const first = "CREATE TABLE widgets (id int PRIMARY KEY);";
  const second = "ALTER TABLE widgets ADD COLUMN name text NOT NULL DEFAULT '';";

  it("applies migrations in order on a fresh database and records them like Prisma", async () => {
    const dir = migrationsDir({ "20260101000000_b_second": second, "20250101000000_a_first": first });
    const result = await migrate(url, { dir });
    expect(result).toEqual({ applied: ["20250101000000_a_first", "20260101000000_b_second"], alreadyApplied: 0 });
    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual([
      ["20250101000000_a_first", checksum(first), 1],
      ["20260101000000_b_second", checksum(second), 1],
    ]);
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    const columns = await query<{ column_name: string }>(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'widgets' ORDER BY column_name`);
    expect(columns.map((c) => c.column_name)).toEqual(["id", "name"]);
  });

  it("is a no-op when run again", async () => {
    const dir = migrationsDir({ "1_a": first, "2_b": second });
    await migrate(url, { dir });
    expect(await migrate(url, { dir })).toEqual({ applied: [], alreadyApplied: 2 });
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(2);
  });

  it("applies only the new migration when one is added", async () => {
    await migrate(url, { dir: migrationsDir({ "1_a": first }) });
    expect(await migrate(url, { dir: migrationsDir({ "1_a": first, "2_b": second }) })).toEqual({ applied: ["2_b"], alreadyApplied: 1 });
  });

  it("refuses an applied migration whose file changed, before applying anything", async () => {
    await migrate(url, { dir: migrationsDir({ "1_a": first }) });
    const changed = migrationsDir({ "1_a": `${first}\n-- edited`, "2_b": second });
    await expect(migrate(url, { dir: changed })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { dir: changed })).rejects.toThrow(/Migration 1_a was changed after it was applied/);
    expect(await query(url, `SELECT 1 FROM information_schema.columns WHERE table_name = 'widgets' AND column_name = 'name'`)).toHaveLength(0);
  });

  it("rolls back a failing migration completely and records nothing for it", async () => {
    const failing = "CREATE TABLE gadgets (id int); INSERT INTO gadgets VALUES (1); SELECT * FROM no_such_table;";
    const dir = migrationsDir({ "1_a": first, "2_bad": failing });
    await expect(migrate(url, { dir })).rejects.toThrow(/Migration 2_bad failed and was rolled back: .*no_such_table/);
    expect(await tableExists(url, "widgets")).toBe(true);
    expect(await tableExists(url, "gadgets")).toBe(false);
    const names = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(names.map((r) => r.migration_name)).toEqual(["1_a"]);
  });

  it("refuses a database that has a migration this code does not know", async () => {
    await migrate(url, { dir: migrationsDir({ "1_a": first, "2_b": second }) });
    await expect(migrate(url, { dir: migrationsDir({ "1_a": first }) })).rejects.toThrow(/does not know/);
  });

  it("serialises concurrent runners so each migration is applied once", async () => {
    const dir = migrationsDir({ "1_a": first, "2_b": second });
    const results = await Promise.all([migrate(url, { dir }), migrate(url, { dir }), migrate(url, { dir })]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 2]);
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(2);
  });

  it("applies the project's own migrations to an empty database", async () => {
    const result = await migrate(url);
    expect(result.applied.length).toBeGreaterThan(0);
    for (const table of ["users", "teams", "team_memberships", "services", "api_tokens", "audit_events"]) {
      expect(await tableExists(url, table)).toBe(true);
    }
  });
});
