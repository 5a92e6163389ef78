/**
 * The framework-free part of the kit, for services' `domain/` and `app/` code: errors, clocks,
 * retries, trace context, destination checks and the Logger type. Importing it loads no HTTP
 * server, Kafka, Redis, Postgres or Prisma client (the linter keeps those folders on this entry).
 */
export * from "./clock";
export * from "./coalesced-runner";
export * from "./connectivity";
export * from "./errors";
export type { Logger } from "./logger";
export * from "./net/destination";
export * from "./retry";
export * from "./trace";
