import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ErrorEnvelope } from "@voxbridge/contracts";
import { Router } from "express";
import { Registry } from "prom-client";
import { z } from "zod";
import { AppError } from "../errors";
import { createLogger } from "../logger";
import { closeServer, createHttpApp, finishHttpApp, jsonBody, listen, setLogContext, startManagementServer } from "./app";

const GENERATED_ID = /^req_[0-9a-f]{32}$/;

let server: Server;
let baseUrl: string;
let databaseDown: Error | undefined;

beforeAll(async () => {
  const logger = createLogger({ service: "http-test", level: "silent" });
  const app = createHttpApp({
    logger,
    metrics: new Registry(),
    readiness: [
      {
        name: "postgres",
        check: async () => {
          if (databaseDown) throw databaseDown;
        },
      },
      { name: "kafka", check: async () => undefined },
    ],
  });
  app.post("/echo", ...jsonBody("1kb"), (req, res) => {
    res.status(201).json({ received: req.body });
  });
  app.post("/validate", ...jsonBody(), (req, res) => {
    const parsed = z.object({ to: z.object({ number: z.string() }) }).parse(req.body);
    res.json(parsed);
  });
  app.post("/strict", ...jsonBody(), (req, res) => {
    res.json(z.object({ name: z.string(), age: z.number() }).strict().parse(req.body));
  });
  const mounted = Router();
  mounted.get("/v1/things/:id", (_req, res) => {
    res.json({});
  });
  mounted.delete("/v1/things/:id", (_req, res) => {
    res.status(204).end();
  });
  app.use(mounted);
  app.get("/outage", () => {
    throw new AppError("dependency_unavailable", "Minute accounting is unavailable; try again");
  });
  app.get("/boom", () => {
    throw new Error("database password is hunter2");
  });
  finishHttpApp(app, logger);
  server = await listen(app, 0, "127.0.0.1");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeServer(server);
});

beforeEach(() => {
  databaseDown = undefined;
});

/** The response's error envelope, checked against the contract. */
async function envelopeOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return ErrorEnvelope.parse(await response.json()).error;
}

describe("HTTP app: JSON bodies", () => {
  it("passes a well-formed JSON body to the route", async () => {
    const response = await fetch(`${baseUrl}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ received: { hello: "world" } });
  });

  it("answers malformed JSON with 400 malformed_json in the error envelope", async () => {
    const response = await fetch(`${baseUrl}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "partner-req-1" },
      body: '{"hello": ',
    });
    expect(response.status).toBe(400);
    expect(await envelopeOf(response)).toEqual({
      type: "malformed_json",
      message: "The request body is not valid JSON",
      param: null,
      request_id: "partner-req-1",
    });
  });

  it("answers a body that is not JSON with 415 unsupported_media_type", async () => {
    const response = await fetch(`${baseUrl}/echo`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    expect(response.status).toBe(415);
    expect(await envelopeOf(response)).toMatchObject({ type: "unsupported_media_type", param: null });
  });

  it("answers a body over the limit with 413 payload_too_large", async () => {
    const response = await fetch(`${baseUrl}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(4_096) }),
    });
    expect(response.status).toBe(413);
    expect(await envelopeOf(response)).toMatchObject({ type: "payload_too_large", param: null });
  });

  it("answers a thrown ZodError with 422 validation_failed whose param is the failing path", async () => {
    const response = await fetch(`${baseUrl}/validate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: { number: 42 } }),
    });
    expect(response.status).toBe(422);
    const error = await envelopeOf(response);
    expect(error).toMatchObject({ type: "validation_failed", param: "to.number" });
    expect(error.message).toMatch(/^to\.number: /);
  });
});

describe("HTTP app: every validation problem at once", () => {
  it("lists each problem in details, the first in param, and names unknown fields", async () => {
    const response = await fetch(`${baseUrl}/strict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: 7, colour: "red", size: 2 }),
    });
    expect(response.status).toBe(422);
    const error = await envelopeOf(response);
    expect(error.param).toBe(error.details?.[0]?.param);
    expect(error.details?.map((detail) => detail.param).sort()).toEqual(["age", "colour", "name", "size"]);
    expect(error.details?.find((detail) => detail.param === "colour")?.message).toBe("unknown field");
    expect(error.message).toMatch(/and 3 more problems, see details/);
  });
});

describe("HTTP app: errors", () => {
  it("answers a dependency outage with 503 and Retry-After, so clients know retrying is worth it", async () => {
    const response = await fetch(`${baseUrl}/outage`);
    expect([response.status, response.headers.get("retry-after")]).toEqual([503, "2"]);
    expect(await envelopeOf(response)).toMatchObject({ type: "dependency_unavailable" });
  });

  it("answers a known path with the wrong method with 405 and an Allow header, through mounted routers and path parameters", async () => {
    const response = await fetch(`${baseUrl}/v1/things/abc`, { method: "PUT" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("DELETE, GET, HEAD");
    expect(await envelopeOf(response)).toMatchObject({ type: "method_not_allowed" });
    const echo = await fetch(`${baseUrl}/echo`);
    expect([echo.status, echo.headers.get("allow")]).toEqual([405, "POST"]);
  });

  it("answers an unknown route with 404 not_found naming the method and path", async () => {
    const response = await fetch(`${baseUrl}/v1/nowhere`);
    expect(response.status).toBe(404);
    expect(await envelopeOf(response)).toMatchObject({ type: "not_found", message: "No route for GET /v1/nowhere", param: null });
  });

  it("answers an unexpected Error with 500 internal and leaks neither its message nor a stack", async () => {
    const response = await fetch(`${baseUrl}/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(text).not.toContain("stack");
    const error = ErrorEnvelope.parse(JSON.parse(text)).error;
    expect(error).toEqual({ type: "internal", message: "Internal error", param: null, request_id: expect.stringMatching(GENERATED_ID) });
    expect(response.headers.get("x-request-id")).toBe(error.request_id);
  });
});

describe("HTTP app: request ids", () => {
  it("echoes a sane x-request-id on the response and in error bodies", async () => {
    const response = await fetch(`${baseUrl}/missing`, { headers: { "x-request-id": "abc.DEF:123-_x" } });
    expect(response.headers.get("x-request-id")).toBe("abc.DEF:123-_x");
    expect((await envelopeOf(response)).request_id).toBe("abc.DEF:123-_x");
  });

  it("generates a request id when the request has none", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.headers.get("x-request-id")).toMatch(GENERATED_ID);
  });

  it.each([
    ["with spaces and symbols", "bad id <script>"],
    ["longer than 128 characters", "a".repeat(129)],
  ])("replaces an x-request-id %s with a generated one", async (_label, incoming) => {
    const response = await fetch(`${baseUrl}/missing`, { headers: { "x-request-id": incoming } });
    const generated = response.headers.get("x-request-id");
    expect(generated).toMatch(GENERATED_ID);
    expect((await envelopeOf(response)).request_id).toBe(generated);
  });

  it("gives two requests without ids different generated ids", async () => {
    const [first, second] = await Promise.all([fetch(`${baseUrl}/healthz`), fetch(`${baseUrl}/healthz`)]);
    expect(first.headers.get("x-request-id")).not.toBe(second.headers.get("x-request-id"));
  });
});

describe("HTTP app: operational endpoints", () => {
  it("answers /healthz with 200", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz with 200 when every check passes", async () => {
    const response = await fetch(`${baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });

  it("answers /readyz with 503 and no dependency name or error text when a check throws", async () => {
    databaseDown = new Error("connect ECONNREFUSED 10.0.0.7:5432 password=hunter2");
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.text()).toBe(JSON.stringify({ status: "unavailable" }));
    } finally {
      databaseDown = undefined;
    }
  });

  it("serves no /metrics on the service's own port", async () => {
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(404);
  });
});

describe("management port", () => {
  it("serves /healthz, /readyz and the request metrics of the service's port on /metrics", async () => {
    const metrics = new Registry();
    const logger = createLogger({ service: "http-test", level: "silent" });
    const app = createHttpApp({ logger, metrics, readiness: [] });
    finishHttpApp(app, logger);
    const service = await listen(app, 0, "127.0.0.1");
    const management = await startManagementServer({
      port: 0,
      metrics,
      readiness: [{ name: "postgres", check: async () => undefined }],
      logger,
    });
    try {
      const servicePort = (service.address() as AddressInfo).port;
      await (await fetch(`http://127.0.0.1:${servicePort}/healthz`)).text();
      await (await fetch(`http://127.0.0.1:${servicePort}/not-a-route`)).text();
      const at = `http://127.0.0.1:${management.port}`;
      expect((await fetch(`${at}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${at}/readyz`)).json()).toEqual({ status: "ready", checks: { postgres: "ok" } });
      const response = await fetch(`${at}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toContain("# TYPE voxbridge_http_request_duration_seconds histogram");
      expect(text).toMatch(/voxbridge_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
      expect(text).toMatch(/voxbridge_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} \d+/);
      expect((await fetch(`${at}/v1/anything`)).status).toBe(404);
    } finally {
      await management.step.run();
      await closeServer(service);
    }
  });

  it("stays ready with a diagnosed dependency down, and reports it on /diagnostics and /metrics only", async () => {
    const metrics = new Registry();
    const logger = createLogger({ service: "http-test", level: "silent" });
    const management = await startManagementServer({
      port: 0,
      metrics,
      readiness: [{ name: "postgres", check: async () => undefined }],
      diagnostics: [
        {
          name: "kafka",
          check: async () => {
            throw new Error("Connection error: connect ECONNREFUSED 127.0.0.1:9092");
          },
        },
      ],
      logger,
    });
    try {
      const at = `http://127.0.0.1:${management.port}`;
      const ready = await fetch(`${at}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready", checks: { postgres: "ok" } });
      expect(await (await fetch(`${at}/diagnostics`)).json()).toEqual({
        status: "ready",
        dependencies: [
          { name: "postgres", gates_readiness: true, ok: true, latency_ms: expect.any(Number) },
          {
            name: "kafka",
            gates_readiness: false,
            ok: false,
            latency_ms: expect.any(Number),
            error: "Connection error: connect ECONNREFUSED 127.0.0.1:9092",
          },
        ],
      });
      const text = await (await fetch(`${at}/metrics`)).text();
      expect(text).toMatch(/^voxbridge_dependency_up\{dependency="postgres"\} 1$/m);
      expect(text).toMatch(/^voxbridge_dependency_up\{dependency="kafka"\} 0$/m);
      expect(text).toMatch(/^voxbridge_ready 1$/m);
    } finally {
      await management.step.run();
    }
  });

  it("is unready, naming the failing check without its error text, when a dependency readiness waits on fails", async () => {
    const metrics = new Registry();
    const logger = createLogger({ service: "http-test", level: "silent" });
    const management = await startManagementServer({
      port: 0,
      metrics,
      readiness: [
        {
          name: "postgres",
          check: async () => {
            throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
          },
        },
      ],
      logger,
    });
    try {
      const at = `http://127.0.0.1:${management.port}`;
      const ready = await fetch(`${at}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "unavailable", checks: { postgres: "failing" } });
      expect(await (await fetch(`${at}/metrics`)).text()).toMatch(/^voxbridge_ready 0$/m);
    } finally {
      await management.step.run();
    }
  });
});

describe("request log", () => {
  it("writes one info line per request with the route template, status, duration and the org and call it was about", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "http-test", level: "info", destination: { write: (line: string) => void lines.push(line) } });
    const app = createHttpApp({ logger, metrics: new Registry(), readiness: [] });
    app.get("/v1/calls/:call_id", (req, res) => {
      setLogContext(res, { orgId: "org-1" });
      res.json({ id: req.params.call_id });
    });
    finishHttpApp(app, logger);
    const server = await listen(app, 0, "127.0.0.1");
    try {
      const port = (server.address() as AddressInfo).port;
      await (await fetch(`http://127.0.0.1:${port}/v1/calls/call-42`)).text();
      await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
      await eventuallyLogged(lines, 1);
      const [line] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(line).toMatchObject({ level: 30, route: "/v1/calls/:call_id", orgId: "org-1", callId: "call-42", res: { statusCode: 200 } });
      expect(typeof line?.responseTime).toBe("number");
      // Probes are not logged.
      expect(lines).toHaveLength(1);
    } finally {
      await closeServer(server);
    }
  });
});

async function eventuallyLogged(lines: string[], count: number) {
  for (let i = 0; i < 50 && lines.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
