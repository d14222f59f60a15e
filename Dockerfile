# The bridge as a container: the embedded PostgreSQL (or your own databases) behind port 5677.
#   docker build -t digital-twin .
#   docker run -d --name digital-twin-api --restart unless-stopped -p 127.0.0.1:5677:5677 \
#     -v digital-twin-data:/data --env-file digital-twin.env digital-twin
# (docs/running-always.md; digital-twin.env holds DIGITAL_TWIN_API_KEY, required here)
# BASE is a build argument so that a mirror or a local copy of the official image can stand in.
ARG BASE=node:20-bookworm-slim

# Production dependencies only: what the final image carries.
FROM ${BASE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# The bridge bundled by the same esbuild step that `npm start` runs (esbuild is a development dependency).
FROM ${BASE} AS bundle
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json esbuild.config.mjs ./
COPY bridge ./bridge
RUN node esbuild.config.mjs bridge

FROM ${BASE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=5677 \
    TWIN_DATA_DIR=/data \
    TWIN_LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=bundle /app/node_modules/.cache/digital-twin ./dist
# A named volume starts as a copy of this folder, owned by node (uid 1000) like the process.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 5677
# The image has Node but no curl; /health/live needs no key.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||5677)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: requests in flight finish, the embedded PostgreSQL shuts down cleanly.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "--max-old-space-size=256", "dist/bridge.mjs", "start"]
