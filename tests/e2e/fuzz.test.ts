import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { request } from "undici";
import { provisionOrg, startStack, type TestOrg, type TestStack } from "../support/stack";

let stack: TestStack;
let org: TestOrg;

beforeAll(async () => {
  stack = await startStack();
  org = await provisionOrg({ minutes: 100_000 });
});
afterAll(() => stack?.stop());

const ROUTES: { method: "GET" | "POST" | "PATCH" | "DELETE"; path: (id: string) => string }[] = [
  { method: "POST", path: () => "/v1/calls/outbound" },
  { method: "GET", path: () => "/v1/calls" },
  { method: "GET", path: (id) => `/v1/calls/${id}` },
  { method: "POST", path: (id) => `/v1/calls/${id}/cancel` },
  { method: "POST", path: () => "/v1/agents" },
  { method: "GET", path: () => "/v1/agents" },
  { method: "GET", path: (id) => `/v1/agents/${id}` },
  { method: "PATCH", path: (id) => `/v1/agents/${id}` },
  { method: "DELETE", path: (id) => `/v1/agents/${id}` },
  { method: "GET", path: () => "/v1/usage" },
  { method: "GET", path: () => "/v1/api-keys" },
  { method: "DELETE", path: (id) => `/v1/api-keys/${id}` },
];

const headerText = fc.string({ unit: fc.constantFrom(..."abcXYZ019 -_/;=.,:+*\"'{}[]()!?~".split("")), maxLength: 40 });
const callLikeBody = fc.record(
  {
    to: fc.oneof(
      { arbitrary: fc.constantFrom("+15551234567", "(555) 123-4567", "5551234567", "+4420794600"), weight: 4 },
      fc.string({ maxLength: 40 }),
      fc.integer(),
    ),
    from: fc.oneof(fc.constant("+15550001111"), fc.string({ maxLength: 20 }), fc.constant(null)),
    agent_id: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constant(null)),
    max_attempts: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double(), fc.string({ maxLength: 3 })),
    schedule_at: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string({ maxLength: 30 }),
    ),
    context: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 2 })),
    metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 2 })),
    webhook_url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 })),
    name: fc.string({ maxLength: 30 }),
    system_prompt: fc.string({ maxLength: 30 }),
    is_default: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
    max_duration_seconds: fc.oneof(fc.integer(), fc.double()),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { arbitrary: callLikeBody.map((value) => JSON.stringify(value)), weight: 4 },
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constant(""),
  fc.constant(undefined),
);

describe("every route under random input", () => {
  it("never answers 5xx, and every error uses the envelope", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(fc.uuid(), fc.string({ maxLength: 20 }).map(encodeURIComponent), fc.constant(randomUUID())),
        body,
        fc.record(
          {
            "content-type": fc.oneof(
              { arbitrary: fc.constant("application/json"), weight: 6 },
              fc.constant("text/plain"),
              fc.constant("application/json; charset=latin9"),
              headerText,
            ),
            // Mostly a valid key, so most requests get past authentication to the route itself.
            authorization: fc.oneof({ arbitrary: fc.constant(`Bearer ${org.apiKey}`), weight: 8 }, headerText, fc.constant("Bearer ")),
            "idempotency-key": headerText,
            "x-request-id": headerText,
          },
          { requiredKeys: ["authorization"] },
        ),
        fc.oneof(
          fc.constant(""),
          fc.constant("?limit=5"),
          headerText.map((q) => `?${encodeURIComponent(q)}=${encodeURIComponent(q)}`),
        ),
        async (route, id, payload, headers, query) => {
          let response: Awaited<ReturnType<typeof request>>;
          try {
            response = await request(`${stack.gatewayUrl}${route.path(id)}${query}`, { method: route.method, headers, body: payload });
          } catch {
            return; // the client refused to send it (an invalid header value, say): nothing reached the server
          }
          const text = await response.body.text();
          if (response.statusCode >= 500)
            throw new Error(`${response.statusCode} for ${route.method} ${route.path(id)}${query}: ${text.slice(0, 300)}`);
          // Every refusal is the JSON error envelope, naming the request.
          const refusal = response.statusCode >= 400 ? (JSON.parse(text) as { error?: { type?: string; request_id?: string } }) : null;
          expect(refusal && { type: typeof refusal.error?.type, request_id: refusal.error?.request_id }).toEqual(
            refusal && { type: "string", request_id: response.headers["x-request-id"] },
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
