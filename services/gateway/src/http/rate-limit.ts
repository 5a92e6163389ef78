import { AppError, type Logger } from "@voxbridge/kit";
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import type { Redis } from "ioredis";
import { type RedisReply, RedisStore } from "rate-limit-redis";
import { principalOf } from "./authenticate";

/**
 * Per-API-key request budget per window, shared by every gateway instance through Redis. Answers
 * 429 with Retry-After and the IETF RateLimit / RateLimit-Policy headers. If Redis is unreachable
 * the limiter lets requests through (logged): an outage of the limiter must not take the API down.
 */
export function rateLimitPerApiKey(options: { redis: Redis; limit: number; windowMs: number; logger: Logger }): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    passOnStoreError: true,
    keyGenerator: (_req, res) => principalOf(res).apiKeyId,
    store: new RedisStore({
      prefix: "gateway:ratelimit:",
      sendCommand: (command: string, ...args: string[]) => options.redis.call(command, ...args) as Promise<RedisReply>,
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
