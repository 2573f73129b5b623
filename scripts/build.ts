// `npm run build` (always rebuilds), `--if-stale` (only when sources changed), `--prisma-only` (client only).
import { ensureBuild, ensurePrismaClient } from "./build-state";

if (process.argv.includes("--prisma-only")) ensurePrismaClient();
else ensureBuild({ force: !process.argv.includes("--if-stale") });
