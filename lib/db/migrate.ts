// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, recording them in
// Prisma's `_prisma_migrations` layout so the real Prisma CLI would agree on what has been applied.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");
// Arbitrary constant: serialises runners started at once by several server instances.
const LOCK_KEY = 7_220_415_001;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function checksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

// The migrations are read where the server runs (the container copies prisma/migrations), not
// bundled: the comments keep the build from tracing the whole project for these calls.
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!fs.existsSync(/* turbopackIgnore: true */ dir)) return [];
  return fs
    .readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(/* turbopackIgnore: true */ file)) throw new MigrationError(`Migration ${name} has no migration.sql`);
      const sql = fs.readFileSync(/* turbopackIgnore: true */ file, "utf8");
      return { name, sql, checksum: checksum(sql) };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Brings the database up to date. Refuses changed or unknown migrations before applying anything. */
export async function migrate(
  connectionString: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    const known = new Map(migrations.map((m) => [m.name, m]));
    for (const row of rows) {
      const local = known.get(row.migration_name);
      if (!row.finished_at) {
        throw new MigrationError(
          `Migration ${row.migration_name} is recorded as started but never finished. Inspect the database, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${row.migration_name}').`,
        );
      }
      if (!local) {
        throw new MigrationError(
          `The database has migration ${row.migration_name}, which this version of Edgewise does not know. Is an older version running against a newer database?`,
        );
      }
      if (local.checksum !== row.checksum) {
        throw new MigrationError(
          `Migration ${row.migration_name} was changed after it was applied (recorded checksum ${row.checksum.slice(0, 12)}…, file now ${local.checksum.slice(0, 12)}…). Restore the original file and put the change in a new migration.`,
        );
      }
    }
    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      log(`Applying migration ${migration.name}`);
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(err as Error).message}`);
      }
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
