import { randomBytes } from "node:crypto";
import { ErrorEnvelope } from "@voxbridge/contracts";
import { loadGatewayConfig } from "@voxbridge/gateway/src/config";
import { type RunningGateway, startGateway } from "@voxbridge/gateway/src/gateway";
import { createLogger, topicNames } from "@voxbridge/kit";
import { request } from "undici";
import { testDatabaseUrl, testKafkaBrokers, testRedisUrl } from "../support/env";
import { deleteTopics, provisionOrg, type TestOrg } from "../support/stack";

// The gateway's own request log, captured at the most verbose level, while a partner puts its key
// in the wrong places.
const topicPrefix = `test-${randomBytes(4).toString("hex")}.`;
const lines: string[] = [];
let gateway: RunningGateway;
let org: TestOrg;

beforeAll(async () => {
  org = await provisionOrg();
  gateway = await startGateway(
    loadGatewayConfig({
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      GATEWAY_PORT: "0",
      GATEWAY_GROUP_ID: `${topicPrefix}gateway`,
      QUOTA_URL: "http://127.0.0.1:1",
    }),
    createLogger({ service: "gateway", level: "trace", destination: { write: (line: string) => void lines.push(line) } }),
  );
});
afterAll(async () => {
  await gateway?.stop();
  await deleteTopics(Object.values(topicNames(topicPrefix)));
});

describe("an API key outside the Authorization header", () => {
  it("is refused with a 401 that says where keys go, and never written to the log", async () => {
    const base = `http://127.0.0.1:${gateway.port}`;
    for (const path of [`/v1/usage?api_key=${org.apiKey}`, `/v1/calls?key=${org.apiKey}&limit=5`, `/v1/calls/${org.apiKey}`]) {
      const response = await request(`${base}${path}`);
      const body = ErrorEnvelope.parse(await response.body.json());
      expect([path, response.statusCode, body.error.type]).toEqual([path, 401, "unauthenticated"]);
      expect(body.error.message).toContain("only in the Authorization header");
    }
    const posted = await request(`${base}/v1/calls/outbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": org.apiKey },
      body: JSON.stringify({ to: "+15551234567", metadata: { note: org.apiKey } }),
    });
    expect(posted.statusCode).toBe(401);
    await posted.body.dump();
    const log = lines.join("");
    expect(log).toContain("/v1/usage?api_key=");
    expect(log).not.toContain(org.apiKey.slice("sk_live_".length));
  });
});
