import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ERROR_HTTP_STATUS, ErrorEnvelope, WebhookEvent, WebhookEventType } from "@voxbridge/contracts";
import { apiDocument } from "./api-document";
import { CREATE_CALL_EXAMPLE, EXAMPLES, WEBHOOK_EXAMPLES } from "./examples";

type Media = { schema?: unknown; example?: unknown };
type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, Media> };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Response>;
};

const document = apiDocument() as unknown as {
  openapi: string;
  info: { license?: { name: string } };
  servers?: { url: string }[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, path, operation })),
);

describe("the OpenAPI document", () => {
  it("passes an independent validator (swagger-parser) with no errors", () => {
    const gateway = join(__dirname, "../..");
    const run = spawnSync(process.execPath, [require.resolve("tsx/cli", { paths: [gateway] }), "scripts/validate-openapi.ts"], {
      cwd: gateway,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect([run.status, run.stderr.trim()]).toEqual([0, ""]);
    expect(run.stdout).toContain("valid: VoxBridge Calls API");
  });

  it("has servers, a license and one tag per resource", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers?.[0]?.url).toBe("/");
    expect(document.info.license?.name).toBe("Apache-2.0");
    const declared = new Set(document.tags?.map((tag) => tag.name));
    for (const { name, operation } of operations) {
      expect([name, operation.tags?.length]).toEqual([name, 1]);
      expect(declared.has(operation.tags?.[0] ?? "")).toBe(true);
    }
  });

  it("describes every operation and gives an example on every request body and response body", () => {
    for (const { name, operation } of [
      ...operations,
      ...Object.entries(document.webhooks).map(([n, w]) => ({ name: n, operation: w.post })),
    ]) {
      expect([name, typeof operation.operationId, (operation.description ?? "").length > 20]).toEqual([name, "string", true]);
      for (const media of Object.values(operation.requestBody?.content ?? {})) expect([name, media.example]).not.toEqual([name, undefined]);
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const media of Object.values(response.content ?? {}))
          expect([name, status, media.example]).not.toEqual([name, status, undefined]);
      }
    }
  });

  it("uses the published create request as the create example", () => {
    const create = document.paths["/v1/calls/outbound"]?.post;
    expect(create?.requestBody?.content["application/json"]?.example).toEqual(CREATE_CALL_EXAMPLE);
    expect(create?.description).toContain("0004");
  });

  it("gives each error status an example of its own error type", () => {
    for (const { name, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const example = ErrorEnvelope.parse(response.content?.["application/json"]?.example);
        expect([name, status, ERROR_HTTP_STATUS[example.error.type]]).toEqual([name, status, Number(status)]);
      }
    }
  });

  it("has examples its schemas accept", () => {
    for (const [schema, example] of EXAMPLES) expect(schema.safeParse(example).error).toBeUndefined();
    for (const example of Object.values(WEBHOOK_EXAMPLES)) expect(WebhookEvent.parse(example)).toEqual(example);
  });

  it("lists the headers the API sends", () => {
    const headersOf = (path: string, method: string, status: string) =>
      Object.keys(document.paths[path]?.[method]?.responses[status]?.headers ?? {});
    for (const { name, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect([name, status, Object.keys(response.headers ?? {})]).toEqual([
          name,
          status,
          expect.arrayContaining(["x-request-id", "traceparent", "RateLimit", "RateLimit-Policy"]),
        ]);
      }
      expect(Object.keys(operation.responses["429"]?.headers ?? {})).toContain("Retry-After");
      expect(Object.keys(operation.responses["503"]?.headers ?? {})).toContain("Retry-After");
      expect(Object.keys(operation.responses["401"]?.headers ?? {})).toContain("WWW-Authenticate");
    }
    expect(headersOf("/v1/calls/outbound", "post", "201")).toEqual(expect.arrayContaining(["Location", "Idempotent-Replayed"]));
    expect(headersOf("/v1/calls/{call_id}/cancel", "post", "200")).toContain("Idempotent-Replayed");
    expect(headersOf("/v1/agents", "post", "201")).toContain("Location");
    expect(headersOf("/v1/calls", "get", "200")).not.toContain("Location");
  });

  it("describes each webhook event with its payload and the Standard Webhooks headers", () => {
    expect(Object.keys(document.webhooks).sort()).toEqual([...WebhookEventType.options].sort());
    for (const [type, { post }] of Object.entries(document.webhooks)) {
      expect(post.parameters?.filter((p) => p.in === "header").map((p) => p.name)).toEqual([
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
      ]);
      expect(post.requestBody?.content["application/json"]?.example).toMatchObject({ type });
    }
  });
});
