# The Khabar image docker-compose.yml runs: the dependencies are installed here, inside the image, so the
# user's checkout is never written to (no `npm ci` into a mounted folder, no native modules rebuilt for the
# container in place of the host's). Rebuild after pulling: `docker compose build` (the dependency layer
# is reused unless package-lock.json changed).
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Full image for this stage: better-sqlite3 builds from source when no prebuilt binary matches.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# Writable state (embedded store, crawl state, watch feeds) lives in the /data volume, owned by `node`.
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "bin/khabar.mjs", "--help"]
