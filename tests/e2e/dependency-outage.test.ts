import { randomBytes } from "node:crypto";
import { loadGatewayConfig } from "@voxbridge/gateway/src/config";
import { type RunningGateway, startGateway } from "@voxbridge/gateway/src/gateway";
import { createLogger, topicNames } from "@voxbridge/kit";
import pg from "pg";
import { apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl, testKafkaBrokers, testRedisUrl } from "../support/env";
import { deleteTopics, provisionOrg } from "../support/stack";

const topicPrefix = `test-${randomBytes(4).toString("hex")}.`;
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGateway(
    loadGatewayConfig({
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      GATEWAY_PORT: "0",
      GATEWAY_GROUP_ID: `${topicPrefix}gateway`,
      // Nothing listens here: the quota service is down.
      QUOTA_URL: "http://127.0.0.1:1",
    }),
    createLogger({ service: "gateway", level: "silent" }),
  );
});
afterAll(async () => {
  await gateway?.stop();
  await deleteTopics(Object.values(topicNames(topicPrefix)));
});

describe("gateway while the quota service is down", () => {
  it("answers 503 dependency_unavailable for new calls and 503 for usage, and writes nothing", async () => {
    const org = await provisionOrg();
    const api = apiClient(`http://127.0.0.1:${gateway.port}`, org.apiKey);
    const created = await api.post("/v1/calls/outbound", { to: "+15551234567" });
    expect([created.status, errorType(created)]).toEqual([503, "dependency_unavailable"]);
    const usage = await api.get("/v1/usage");
    expect([usage.status, errorType(usage)]).toEqual([503, "dependency_unavailable"]);
    const db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const { rows } = await db.query("SELECT count(*)::int AS n FROM gateway.calls WHERE org_id = $1", [org.orgId]);
    await db.end();
    expect(rows[0].n).toBe(0);
    // Reads that need no quota keep working.
    expect((await api.get("/v1/calls")).status).toBe(200);
  });
});
