import { randomUUID } from "node:crypto";
import { CallOut, ErrorEnvelope } from "@voxbridge/contracts";
import { LOCAL_SERVICE_TOKEN, listRoutes, type ServiceCaller } from "@voxbridge/kit";
import { internalApi as quotaInternalApi } from "@voxbridge/quota/internal-api";
import { internalApi as webhooksInternalApi } from "@voxbridge/webhooks/internal-api";
import { request } from "undici";
import { apiClient } from "../support/api-client";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

// Every route of quota's and the webhook service's internal APIs, against the running services:
// no credential or a wrong one is a 401 with the envelope, a known caller that the route does not
// serve is a 403 with the envelope, before anything is read or done; a caller on its list is served.
// Each caller has its own token here, as in production: the gateway and the dialer send theirs.
const TOKENS: Record<ServiceCaller, string> = {
  gateway: `gateway-${randomUUID()}`,
  dialer: `dialer-${randomUUID()}`,
  operator: `operator-${randomUUID()}`,
};
let stack: TestStack;
beforeAll(async () => {
  stack = await startStack(
    {},
    {
      quota: { INTERNAL_API_TOKENS: `gateway=${TOKENS.gateway},dialer=${TOKENS.dialer},operator=${TOKENS.operator}` },
      webhooks: { INTERNAL_API_TOKENS: `gateway=${TOKENS.gateway},operator=${TOKENS.operator}` },
      gateway: { QUOTA_API_TOKEN: TOKENS.gateway, WEBHOOKS_API_TOKEN: TOKENS.gateway },
      dialer: { QUOTA_API_TOKEN: TOKENS.dialer },
    },
  );
});
afterAll(() => stack?.stop());

const unused = {} as never;
const apis = {
  quota: listRoutes(quotaInternalApi(unused, { local: LOCAL_SERVICE_TOKEN })),
  webhooks: listRoutes(webhooksInternalApi(unused, { bodyLimit: "1kb", callers: { local: LOCAL_SERVICE_TOKEN } })),
};
const cases = Object.entries(apis).flatMap(([service, routes]) =>
  routes.map((route) => [service, route.method, route.path, route.servedCallers ?? []] as const),
);

const send = async (service: string, method: string, path: string, authorization?: string) => {
  const url = `${stack.serviceUrls[service as "quota" | "webhooks"]}${path.replace(/:\w+/g, () => randomUUID())}`;
  const response = await request(url, {
    method: method as "GET",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: method === "GET" || method === "DELETE" ? undefined : "{}",
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text ? (JSON.parse(text) as unknown) : null };
};

describe("internal APIs need the caller's service credential", () => {
  it("has internal routes to check in both services, each with its list of callers", () => {
    expect(apis.quota.length).toBeGreaterThanOrEqual(5);
    expect(apis.webhooks.length).toBeGreaterThanOrEqual(9);
    expect(cases.every(([, , path]) => path.startsWith("/internal/"))).toBe(true);
    expect(cases.filter(([, , , callers]) => callers.length === 0)).toEqual([]);
  });

  it.each(cases)("%s %s %s: 401 without it or with a wrong one", async (service, method, path) => {
    for (const authorization of [undefined, "Bearer not-the-service-token", `Basic ${TOKENS.gateway}`, TOKENS.gateway]) {
      const refused = await send(service, method, path, authorization);
      expect([authorization, refused.status, ErrorEnvelope.parse(refused.body).error.type]).toEqual([
        authorization,
        401,
        "unauthenticated",
      ]);
    }
  });
});

describe("each internal route serves only the callers it lists", () => {
  it("lists the callers a reviewer expects: the dialer never changes a limit, the gateway never reads an allowance", () => {
    const callersOf = (service: "quota" | "webhooks", method: string, path: string) =>
      apis[service].find((route) => route.method === method && route.path === path)?.servedCallers;
    expect(callersOf("quota", "PUT", "/internal/v1/orgs/:org_id/limit")).toEqual(["operator"]);
    expect(callersOf("quota", "POST", "/internal/v1/holds")).toEqual(["gateway"]);
    expect(callersOf("quota", "POST", "/internal/v1/holds/:call_id/release")).toEqual(["gateway"]);
    expect(callersOf("quota", "GET", "/internal/v1/orgs/:org_id/allowance")).toEqual(["dialer"]);
    expect(callersOf("quota", "GET", "/internal/v1/orgs/:org_id/usage")).toEqual(["gateway", "operator"]);
    expect(apis.webhooks.every((route) => !route.servedCallers?.includes("dialer"))).toBe(true);
  });

  it.each(cases)("%s %s %s: 403 for a caller not on its list, served for one that is", async (service, method, path, served) => {
    const outcomeOf = (answer: { status: number; body: unknown }) =>
      answer.status === 401 || answer.status === 403
        ? ErrorEnvelope.parse(answer.body).error.type
        : answer.status < 500
          ? "served"
          : `status ${answer.status}`;
    const callers = ["gateway", "dialer", "operator"] as const;
    const outcomes = [];
    for (const caller of callers) outcomes.push([caller, outcomeOf(await send(service, method, path, `Bearer ${TOKENS[caller]}`))]);
    // The webhook service does not know the dialer at all: its token is no credential there (401).
    const expected = callers.map((caller) => [
      caller,
      served.includes(caller) ? "served" : service === "webhooks" && caller === "dialer" ? "unauthenticated" : "forbidden",
    ]);
    expect(outcomes).toEqual(expected);
  });

  it("the dialer's token cannot set an org's limit, the operator's can, and calls flow with every caller on its own token", async () => {
    const org = await provisionOrg({ minutes: 5 });
    const limit = (token: string) =>
      request(`${stack.serviceUrls.quota}/internal/v1/orgs/${org.orgId}/limit`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ minutes_limit: 1_000_000 }),
      });
    const byDialer = await limit(TOKENS.dialer);
    expect([byDialer.statusCode, ErrorEnvelope.parse(await byDialer.body.json()).error.type]).toEqual([403, "forbidden"]);
    const byGateway = await limit(TOKENS.gateway);
    expect([byGateway.statusCode, ErrorEnvelope.parse(await byGateway.body.json()).error.type]).toEqual([403, "forbidden"]);
    const api = apiClient(stack.gatewayUrl, org.apiKey);
    expect((await api.get("/v1/usage")).body).toMatchObject({ minutes_limit: 5 });

    const byOperator = await limit(TOKENS.operator);
    expect(byOperator.statusCode).toBe(200);
    await byOperator.body.dump();
    // The gateway's own token holds minutes and reads usage (its routes), and reaches the webhook service.
    const created = await api.post("/v1/calls/outbound", {
      to: "+15551230000",
      schedule_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    CallOut.parse(created.body);
    expect((await api.get("/v1/usage")).body).toMatchObject({ minutes_limit: 1_000_000, minutes_reserved: 1 });
    expect((await api.get("/v1/webhook-endpoints")).status).toBe(200);
  });
});
