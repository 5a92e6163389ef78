import { randomUUID } from "node:crypto";
import { ErrorEnvelope } from "@voxbridge/contracts";
import { LOCAL_SERVICE_TOKEN, listRoutes } from "@voxbridge/kit";
import { internalApi as quotaInternalApi } from "@voxbridge/quota/internal-api";
import { internalApi as webhooksInternalApi } from "@voxbridge/webhooks/internal-api";
import { request } from "undici";
import { startStack, type TestStack } from "../support/stack";

// Every route of quota's and the webhook service's internal APIs, against the running services:
// no credential or a wrong one is a 401 with the envelope, before anything is read or done.
let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const unused = {} as never;
const apis = {
  quota: listRoutes(quotaInternalApi(unused, { local: LOCAL_SERVICE_TOKEN })),
  webhooks: listRoutes(webhooksInternalApi(unused, { bodyLimit: "1kb", callers: { local: LOCAL_SERVICE_TOKEN } })),
};
const cases = Object.entries(apis).flatMap(([service, routes]) => routes.map((route) => [service, route.method, route.path] as const));

describe("internal APIs need the caller's service credential", () => {
  it("has internal routes to check in both services", () => {
    expect(apis.quota.length).toBeGreaterThanOrEqual(5);
    expect(apis.webhooks.length).toBeGreaterThanOrEqual(9);
    expect(cases.every(([, , path]) => path.startsWith("/internal/"))).toBe(true);
  });

  it.each(cases)("%s %s %s: 401 without it or with a wrong one, served with it", async (service, method, path) => {
    const url = `${stack.serviceUrls[service as "quota" | "webhooks"]}${path.replace(/:\w+/g, () => randomUUID())}`;
    const send = async (authorization?: string) => {
      const response = await request(url, {
        method: method as "GET",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: method === "GET" || method === "DELETE" ? undefined : "{}",
      });
      const text = await response.body.text();
      return {
        status: response.statusCode,
        body: text ? (JSON.parse(text) as unknown) : null,
        authenticate: response.headers["www-authenticate"],
      };
    };
    for (const authorization of [undefined, "Bearer not-the-service-token", `Basic ${LOCAL_SERVICE_TOKEN}`, LOCAL_SERVICE_TOKEN]) {
      const refused = await send(authorization);
      expect([authorization, refused.status, ErrorEnvelope.parse(refused.body).error.type]).toEqual([
        authorization,
        401,
        "unauthenticated",
      ]);
    }
    const served = await send(`Bearer ${LOCAL_SERVICE_TOKEN}`);
    expect(served.status).not.toBe(401);
    expect(served.status).toBeLessThan(500);
  });
});
