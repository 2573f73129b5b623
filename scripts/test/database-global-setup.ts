// Starts one throwaway PostgreSQL for the integration run (embedded binaries by default, or those
// in EDGEWISE_PG_BIN_DIR, e.g. the system's PostgreSQL 15), migrates it, and removes it afterwards.
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { scratchDataDir, startEmbedded } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = scratchDataDir("edgewise-it-");
  const server = await startEmbedded({ dataDir, binDir: process.env.EDGEWISE_PG_BIN_DIR || undefined });
  await migrate(server.url);
  project.provide("databaseUrl", server.url);
  return async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
