// `npm start` (or `npm run dev` with --dev, which serves `next dev` instead of a build): build if needed, start (or use) PostgreSQL, migrate, seed demo data on first start,
// then serve the production build. Ctrl-C / SIGTERM stops the app first, then the database.
import { spawn } from "node:child_process";
import path from "node:path";
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { readSecrets } from "../lib/db/embedded-postgres";
import { EnvError, parseEnv } from "../lib/env";
import { ensureBuild, ensurePrismaClient } from "./build-state";

async function main() {
  const env = parseEnv(process.env);
  const dev = process.argv.includes("--dev");
  if (dev) ensurePrismaClient();
  else if (process.env.EDGEWISE_SKIP_BUILD !== "1") ensureBuild();

  const db = await openDatabase(env, "own", (l) => console.log(l));
  let stopping = false;
  const stopDatabase = async () => {
    await db.close().catch((err: unknown) => console.error("Stopping PostgreSQL failed:", err));
  };
  try {
    const { applied } = await migrate(db.url, { log: (l) => console.log(l) });
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);

    let secret = env.NEXTAUTH_SECRET;
    if (!secret) {
      if (!db.embedded) throw new EnvError("NEXTAUTH_SECRET is required when DATABASE_URL is set (generate one: openssl rand -base64 32)");
      secret = readSecrets(env.dataDir).nextauthSecret;
    }

    process.env.DATABASE_URL = db.url;
    const demo = db.embedded && process.env.EDGEWISE_SEED !== "0";
    if (demo) {
      const [{ seedDemo, DEMO_USERS, DEMO_PASSWORD }, { db: prisma, disconnectDb }] = await Promise.all([import("../prisma/seed"), import("../lib/db/client")]);
      const { seeded } = await seedDemo(prisma());
      if (seeded) console.log("Seeded the demo estate.");
      if (seeded && process.env.EDGEWISE_SEED_TELEMETRY !== "0") {
        const started = Date.now();
        const [{ seedTelemetry }, { rollUp }] = await Promise.all([import("../prisma/seed-telemetry"), import("../lib/telemetry/rollup")]);
        const rows = await seedTelemetry(prisma());
        await rollUp();
        const { seedDemoEvidence } = await import("../prisma/seed-decisions");
        await seedDemoEvidence(prisma());
        console.log(`Backfilled 30 days of demo telemetry (${rows.hourRows + rows.minuteRows} buckets) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      }
      await disconnectDb();
      console.log(`\nDemo sign-ins (password: ${DEMO_PASSWORD}):\n${DEMO_USERS.map((u) => `  ${u.role.padEnd(9)} ${u.email}`).join("\n")}`);
    }

    const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
    // A larger young generation: the server allocates briskly (OTLP batches, renders) and V8's default
    // 16 MB semi-spaces had it scavenging often enough to show as a tenth of its CPU under load.
    const child = spawn(process.execPath, ["--max-semi-space-size=32", path.resolve("node_modules/next/dist/bin/next"), dev ? "dev" : "start", "-p", String(env.PORT)], {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: dev ? "development" : "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: db.url,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: url,
        EDGEWISE_DEMO: demo ? "1" : "0",
      },
    });
    console.log(`\nEdgewise is starting on ${url}${db.embedded ? ` (embedded PostgreSQL, data in ${env.dataDir})` : ""}`);

    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping Edgewise…`);
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
    const code = await new Promise<number>((resolve) => child.on("exit", (c, s) => resolve(c ?? (s ? 0 : 1))));
    await stopDatabase();
    console.log("Stopped.");
    process.exit(stopping ? 0 : code);
  } catch (err) {
    await stopDatabase();
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError || (err as Error)?.name === "MigrationError" ? (err as Error).message : err);
  process.exit(1);
});
