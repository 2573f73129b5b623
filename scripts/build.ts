// `npm run build` (always rebuilds) and `npm run db:generate` (--prisma-only).
import { ensureBuild, ensurePrismaClient } from "./build-state";

if (process.argv.includes("--prisma-only")) ensurePrismaClient();
else ensureBuild({ force: true });
