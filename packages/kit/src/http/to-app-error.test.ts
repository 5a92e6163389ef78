import pg from "pg";
import { z } from "zod";
import { isConnectivityError } from "../connectivity";
import { createLogger } from "../logger";
import { createRedisClient } from "../redis";
import { toAppError } from "./app";

describe("toAppError", () => {
  it("maps a zod error to 422 validation_failed naming the first bad field", () => {
    const result = z.object({ to: z.string() }).safeParse({ to: 1 });
    expect(toAppError(result.error)).toMatchObject({ code: "validation_failed", param: "to", httpStatus: 422 });
  });

  it("maps body-parser failures to 400, 413 and 415", () => {
    expect(toAppError({ type: "entity.parse.failed", status: 400 }).httpStatus).toBe(400);
    expect(toAppError({ type: "entity.too.large", status: 413 }).httpStatus).toBe(413);
    expect(toAppError({ type: "charset.unsupported", status: 415 }).httpStatus).toBe(415);
  });

  it("maps an unreachable Postgres (a real refused connection) to a retryable 503", async () => {
    const client = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 2_000 });
    const refused = await client.connect().catch((error: unknown) => error);
    expect(isConnectivityError(refused)).toBe(true);
    expect(toAppError(refused)).toMatchObject({ code: "dependency_unavailable", retryable: true, httpStatus: 503 });
  });

  it("maps a command on a disconnected Redis client to 503", async () => {
    const redis = createRedisClient("redis://127.0.0.1:1", createLogger({ service: "test", level: "silent" }));
    const failed = await redis.get("x").catch((error: unknown) => error);
    redis.disconnect();
    expect(toAppError(failed).httpStatus).toBe(503);
  });

  it.each([
    ["Client has encountered a connection error and is not queryable"],
    ["Client was closed and is not queryable"],
    ["Connection terminated unexpectedly"],
  ])("maps pg's %j (a query on a connection a restart killed) to 503", (message) => {
    expect(isConnectivityError(Object.assign(new Error("Invalid invocation"), { cause: new Error(message) }))).toBe(true);
  });

  it("maps a Prisma driver-adapter error that says the database is unreachable to 503", () => {
    const prismaLike = Object.assign(new Error("Invalid invocation"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
    });
    expect(toAppError(prismaLike).httpStatus).toBe(503);
  });

  it("keeps anything else a 500 internal error", () => {
    expect(toAppError(new TypeError("boom"))).toMatchObject({ code: "internal", httpStatus: 500 });
  });
});
