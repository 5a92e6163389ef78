// Whether an error means a store could not be reached: the one classification the HTTP frame (503)
// and the Kafka consumer (wait it out, never dead-letter) share.
const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "TooManyConnections",
  "SocketTimeout",
  "TlsConnectionError",
]);
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P03",
  "53300",
  "08006",
  "08001",
  // Prisma: can't reach the server, timed out reaching it, the server closed the connection.
  "P1001",
  "P1002",
  "P1017",
]);

/**
 * True when an error (or one of its causes) says a store could not be reached rather than that the
 * request was wrong: Node socket codes, Postgres connection codes, Prisma driver-adapter kinds,
 * ioredis' closed-connection errors. Those are a 503 the caller may retry, not a 500.
 */
export function isConnectivityError(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    const candidate = current as {
      code?: unknown;
      kind?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof candidate.code === "string" && UNREACHABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.kind === "string" && UNREACHABLE_KINDS.has(candidate.kind)) return true;
    if (candidate.name === "PrismaClientInitializationError") return true;
    if (
      typeof candidate.message === "string" &&
      /Connection is closed|Stream isn't writeable|Cluster isn't ready|Connection terminated|is not queryable|Connection ended/.test(
        candidate.message,
      )
    )
      return true;
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return false;
}
