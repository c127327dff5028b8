# The Khabar image docker-compose.yml runs: the dependencies are installed here, inside the image, so the
# user's checkout is never written to (no `npm ci` into a mounted folder, no native modules rebuilt for the
# container in place of the host's). Rebuild after pulling: `docker compose build` (the dependency layers
# are reused unless package-lock.json changed).
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# npm's `prepare` runs scripts/build.mjs, which compiles nothing without TypeScript (a dev dependency).
COPY scripts/build.mjs scripts/
# Full image for this stage: better-sqlite3 builds from source when no prebuilt binary matches.
RUN npm ci --omit=dev --no-audit --no-fund

# The TypeScript compiled to JavaScript beside each source (bin/runtime.mjs then loads it, without tsx's
# loader thread: about 35 MB less per process).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/build.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The sources with their compiled JavaScript (the CLI and workers need no more).
COPY --from=build /app/src ./src
COPY --from=build /app/workers ./workers
# Writable state (embedded store, crawl state, watch feeds) lives in the /data volume, owned by `node`.
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "bin/khabar.mjs", "--help"]
