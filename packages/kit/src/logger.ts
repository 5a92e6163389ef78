import pino, { type Logger } from "pino";

export type { Logger };

/** Paths whose values never reach a log line: credentials, keys, signing secrets. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["idempotency-key"]',
  "headers.authorization",
  "authorization",
  "apiKey",
  "api_key",
  "secret",
  "webhook_secret",
  "password",
  "*.apiKey",
  "*.api_key",
  "*.secret",
  "*.webhook_secret",
  "*.password",
];

/** One JSON logger per service; secrets are censored by path, never logged. */
export function createLogger(options: { service: string; level: string }): Logger {
  return pino({
    name: options.service,
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
