# The bot as a container: `docker build -t wiki-study-bot .`, then see docker-compose.yml and
# docs/operations.md. tests/e2e/production.test.ts runs these stages' steps (every COPY and RUN) outside
# Docker, so a step it cannot run fails that test: keep to the instructions it knows.

# Build: the full Node image has python3, make and g++, which better-sqlite3 needs when no prebuilt
# binary fits. Compiles src/, commands/ and scripts/ to dist/.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY commands commands
COPY scripts scripts
RUN npm run build

# Production dependencies only (no tsx, TypeScript or test tools), installed where the compiler is at hand.
FROM node:20-bookworm AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

# Runtime: the slim image, the production dependencies, dist/, the answer model and the seed corpus,
# run as the unprivileged `node` user. The database and the index cache live on the /data volume.
FROM node:20-bookworm-slim AS runtime
ENV DATA_DIR=/data CACHE_DIR=/data/cache HEALTH_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=dependencies /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY models models
COPY corpus corpus
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["node", "dist/scripts/healthcheck.js"]
CMD ["node", "dist/src/main.js"]
