# The Khabar image docker-compose.yml runs: the dependencies are installed here, inside the image, so the
# user's checkout is never written to (no `npm ci` into a mounted folder, no native modules rebuilt for the
# container in place of the host's). Rebuild after pulling: `docker compose build` (the dependency layers
# are reused unless package-lock.json, scripts/build.mjs or bin/runtime.mjs changed).
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# npm's `prepare` runs scripts/build.mjs (with bin/runtime.mjs), which compiles nothing here: the sources
# and tsconfig.build.json are not in this layer.
COPY scripts/build.mjs scripts/
COPY bin/runtime.mjs bin/
# Full image for this stage: better-sqlite3 builds from source when no prebuilt binary matches.
RUN npm ci --omit=dev --no-audit --no-fund

# The TypeScript compiled to JavaScript beside each source (bin/runtime.mjs then loads it, without tsx's
# loader thread: about 35 MB less per process).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/build.mjs scripts/
COPY bin/runtime.mjs bin/
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The compiled JavaScript and the build's manifest: every file it lists must be there for the image to run
# compiled (bin/runtime.mjs checks each source against it, by content when a copy changed its time).
COPY --from=build /app/.khabar-build.json ./
COPY --from=build /app/src ./src
COPY --from=build /app/workers ./workers
COPY --from=build /app/bench ./bench
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/tests ./tests
# Writable state (embedded store, crawl state, watch feeds) lives in the /data volume, owned by `node`.
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "bin/khabar.mjs", "--help"]
