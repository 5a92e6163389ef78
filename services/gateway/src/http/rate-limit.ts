import { AppError, type Logger, type RedisClient, sendRedisCommand } from "@voxbridge/kit";
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { type RedisReply, RedisStore } from "rate-limit-redis";
import { principalOf } from "./authenticate";

/**
 * Per-API-key request budget per window, shared by every gateway instance through Redis. Answers
 * 429 with Retry-After and the IETF RateLimit / RateLimit-Policy headers. If Redis is unreachable
 * the limiter lets requests through (logged): an outage of the limiter must not take the API down.
 */
export function rateLimitPerApiKey(options: { redis: RedisClient; limit: number; windowMs: number; logger: Logger }): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    passOnStoreError: true,
    keyGenerator: (_req, res) => principalOf(res).apiKeyId,
    store: new RedisStore({
      prefix: "gateway:ratelimit:",
      // Through the kit: on a Redis Cluster the limiter's scripts are loaded on every master.
      sendCommand: (...command: string[]) => sendRedisCommand(options.redis, command) as Promise<RedisReply>,
    }),
    handler: (_req, res, next, limiterOptions) => {
      const reset = (res.req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : Math.ceil(limiterOptions.windowMs / 1000);
      res.setHeader("retry-after", String(retryAfter));
      next(new AppError("rate_limited", `Too many requests for this API key; retry in ${retryAfter} s`));
    },
    validate: { keyGeneratorIpFallback: false },
  });
}
