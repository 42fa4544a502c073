# syntax=docker/dockerfile:1
# The service and the solve worker in one image: `docker build -t lungang .`, then
#   docker run -p 3000:3000 -e ROTATION_BOOTSTRAP_TOKEN=... lungang                       (embedded database in /app/data)
#   docker run -e DATABASE_URL=postgres://... lungang node dist/scripts/worker.js          (a solve worker)
# docker-compose.yml runs both on PostgreSQL. The image runs the compiled JavaScript only: no tsx,
# no TypeScript source, no dev dependencies.

# ---- build: every dependency, then tsc into dist/
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY solver ./solver
COPY scripts ./scripts
RUN npm run build

# ---- runtime: production dependencies, the compiled code, and the files it reads at run time
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json also says "type": "module", which dist/'s .js files need
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# src/paths.ts finds these two next to dist/, from dist/src/paths.js
COPY migrations ./migrations
COPY public ./public
# the embedded database's folder, for runs without DATABASE_URL; mount a volume here to keep it
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV HOST=0.0.0.0 PORT=3000 ROTATION_DATA_DIR=/app/data
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/src/server.js"]
