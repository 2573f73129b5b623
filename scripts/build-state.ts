// Keeps generated artefacts current without redoing work: the Prisma client when the schema changed,
// the Next.js production build when any source file changed since the last build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "next.config.js", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];

function walk(entry: string, out: string[]) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(full).sort()) if (!child.endsWith(".test.ts")) walk(path.join(entry, child), out);
  } else {
    out.push(`${entry}:${stat.size}:${Math.floor(stat.mtimeMs)}`);
  }
}

export function sourceFingerprint(): string {
  const entries: string[] = [];
  for (const s of SOURCES) walk(s, entries);
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.status !== 0) throw new Error(`${[command, ...args].join(" ")} failed (exit ${result.status ?? result.signal})`);
}

export function ensurePrismaClient() {
  const schemaHash = createHash("sha256").update(fs.readFileSync(path.join(root, "prisma/schema.prisma"))).digest("hex");
  const marker = path.join(root, "node_modules/.prisma/client/.edgewise-schema");
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === schemaHash) return;
  console.log("Generating the Prisma client…");
  // The CLI wants DATABASE_URL to read the schema, though generating never connects.
  run(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
    DATABASE_URL: process.env.DATABASE_URL || "postgresql://localhost/edgewise",
  });
  fs.writeFileSync(marker, schemaHash);
}

export function ensureBuild({ force = false } = {}) {
  ensurePrismaClient();
  const stamp = path.join(root, ".next/edgewise-build.json");
  const fingerprint = sourceFingerprint();
  if (!force && fs.existsSync(path.join(root, ".next/BUILD_ID")) && fs.existsSync(stamp)) {
    const previous = JSON.parse(fs.readFileSync(stamp, "utf8")) as { fingerprint: string };
    if (previous.fingerprint === fingerprint) return;
  }
  console.log("Building Edgewise (first start or sources changed; this takes a minute or two)…");
  run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { NODE_ENV: "production" });
  fs.writeFileSync(stamp, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
}
