# syntax=docker/dockerfile:1
# LinkoJob WhatsApp: one image, three roles (ROLE=all, web or worker). docs/deploy.md.
#
#   docker build -t linkojob-whatsapp .
#   docker run --rm -e DATABASE_URL=… linkojob-whatsapp node dist/server/migrate.js   # release step
#   docker run -p 3000:3000 -e DATABASE_URL=… -e ROLE=web linkojob-whatsapp
#
# Node 20 (the project's floor, engines >= 20.19); Debian slim rather than Alpine: @node-rs/argon2
# and esbuild ship glibc builds first.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, then the dashboard (vite) and the server (esbuild) as JavaScript
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the only package with one is esbuild, whose binary comes from its
# platform package (@esbuild/linux-x64) anyway.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime dependencies only (no vite, vitest, typescript, playwright…)
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime: node, the production node_modules, the build; runs as the unprivileged `node` user
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ROLE=all \
    DATA_DIR=/data
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/server ./dist/server
COPY --from=build /src/dist/web ./dist/web
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# /healthz: the process answers (a worker-only process answers it too, with /metrics, on PORT).
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
