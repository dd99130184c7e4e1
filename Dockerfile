# syntax=docker/dockerfile:1
# Build stage: native modules (better-sqlite3) compile here against this Node, with python3, make and g++ when no
# prebuilt binary can be downloaded; then the TypeScript build; then the dev dependencies are pruned away.
FROM node:24-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: the pruned node_modules and the compiled output, from the same Node image (same native ABI); no
# build tools, no registry access, no secrets baked in.
FROM node:24-bookworm-slim
LABEL org.opencontainers.image.title="clerk-status-bot" \
      org.opencontainers.image.description="Slack alerts when Clerk authentication breaks, with what Clerk said and what to do" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production \
    STORE_URL=file:/data/clerk-status.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY manifest.yml ./
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
# A 1 MiB young generation: the bot is idle most of the time, and V8's default (16 MiB and growing) holds ~20 MiB
# of memory it never needs; scavenges stay cheap at this allocation rate (README, "Resource use").
CMD ["node", "--max-semi-space-size=1", "dist/main.js"]
