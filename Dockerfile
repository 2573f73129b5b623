# Edgewise as a container: a production build on Node 20, run as an unprivileged user against an
# external PostgreSQL (DATABASE_URL is required; the embedded database is for laptops and CI).
# Build: docker build -t edgewise .   Run: see compose.yaml and the README's "Container" section.

# ---- build: all dependencies, the Prisma client and the Next.js production build ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# npm 10 (Node 20's) runs install scripts; npm 11 runs the ones package.json lists under allowScripts.
RUN npm ci --no-audit --no-fund
COPY . .
RUN node_modules/.bin/tsx --conditions=react-server scripts/build.ts \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache

# ---- run: the built app and production dependencies only, as the `node` user ----
FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    EDGEWISE_SKIP_BUILD=1 \
    EDGEWISE_SEED=0
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# Orchestrators: liveness GET /api/health/live, readiness GET /api/health/ready.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The start script CI runs: migrates the database, then serves the build; SIGTERM drains and stops.
# Node itself, with tsx as a loader, takes the signal: the tsx CLI would relay it to a child process
# and SIGKILL that child unless it reported the signal back within 30 ms, which a loaded machine missed
# (exit 143, the Next.js server left running).
CMD ["node", "--conditions=react-server", "--import", "tsx", "scripts/start.ts"]
