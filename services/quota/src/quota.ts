import type { AddressInfo } from "node:net";
import {
  closeServer,
  createHttpApp,
  createLogger,
  createMetricsRegistry,
  createRedisClient,
  finishHttpApp,
  jsonBody,
  type Logger,
  listen,
  type ShutdownStep,
} from "@voxbridge/kit";
import { Router } from "express";
import { createMinuteLedger } from "./adapters/minute-ledger";
import { createQuotaPrisma } from "./adapters/prisma";
import { createRedisCounters } from "./adapters/redis-counters";
import { createMinuteHolds } from "./app/minute-holds";
import type { QuotaConfig } from "./config";
import { registerGetUsage } from "./http/routes/get-usage";
import { registerHoldMinutes } from "./http/routes/hold-minutes";
import { registerReleaseMinutes } from "./http/routes/release-minutes";

export type RunningQuota = { port: number; logger: Logger; shutdownSteps: ShutdownStep[]; stop: () => Promise<void> };

/** Builds and starts the quota service's internal HTTP API. */
export async function startQuota(
  config: QuotaConfig,
  logger = createLogger({ service: "quota", level: config.LOG_LEVEL }),
): Promise<RunningQuota> {
  const metrics = createMetricsRegistry("quota");
  const prisma = createQuotaPrisma(config.DATABASE_URL, config.DB_POOL_SIZE);
  const redis = createRedisClient(config.REDIS_URL, logger);
  await redis.connect();
  const holds = createMinuteHolds({
    counters: createRedisCounters(redis),
    ledger: createMinuteLedger(prisma),
    holdMinutes: config.QUOTA_HOLD_MINUTES,
    now: () => new Date(),
  });

  const app = createHttpApp({
    logger,
    metrics,
    readiness: [
      { name: "postgres", check: async () => void (await prisma.$queryRaw`SELECT 1`) },
      { name: "redis", check: async () => void (await redis.ping()) },
    ],
  });
  const router = Router();
  router.use(jsonBody());
  registerHoldMinutes(router, holds);
  registerReleaseMinutes(router, holds);
  registerGetUsage(router, holds);
  app.use(router);
  finishHttpApp(app, logger);

  const server = await listen(app, config.QUOTA_PORT);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, "quota listening");
  const shutdownSteps: ShutdownStep[] = [
    { name: "http", run: () => closeServer(server) },
    { name: "redis", run: async () => void (await redis.quit()) },
    { name: "postgres", run: () => prisma.$disconnect() },
  ];
  return {
    port,
    logger,
    shutdownSteps,
    stop: async () => {
      for (const step of shutdownSteps) await step.run();
    },
  };
}
