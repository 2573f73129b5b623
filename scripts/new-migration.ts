// Authors the next migration from the schema change: `prisma migrate diff` from the schema in the
// last commit (or from nothing, for the first migration) to prisma/schema.prisma.
// Usage: npm run db:new-migration -- <name>
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { scratchDataDir, startEmbedded } from "../lib/db/embedded-postgres";
import { MIGRATIONS_DIR, readMigrations } from "../lib/db/migrate";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>   (e.g. add_journeys)");
  process.exit(2);
}

const tmp = scratchDataDir("edgewise-diff-");
const fromFile = path.join(tmp, "from.prisma");
const datasourceOnly = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
if (readMigrations().length === 0) {
  fs.writeFileSync(fromFile, datasourceOnly);
} else {
  const committed = spawnSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  if (committed.status !== 0) {
    console.error("Could not read prisma/schema.prisma from the last commit:", committed.stderr);
    process.exit(1);
  }
  fs.writeFileSync(fromFile, committed.stdout);
}

// Prisma's JS schema engine wants a reachable database even for a datamodel-to-datamodel diff.
const server = await startEmbedded({ dataDir: path.join(tmp, "data") });
try {
  const sql = execFileSync(
    process.execPath,
    [path.resolve("node_modules/prisma/build/index.js"), "migrate", "diff", "--from-schema-datamodel", fromFile, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: server.url }, stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
    console.log("No schema change since the last commit: no migration written.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then commit it with the schema.`);
  }
} finally {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
