import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ErrorEnvelope } from "@voxbridge/contracts";
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response, type Router } from "express";
import { pinoHttp } from "pino-http";
import { Gauge, Histogram, type Registry } from "prom-client";
import { ZodError } from "zod";
import { isConnectivityError } from "../connectivity";
import { AppError, isAppError, validationFailed, zodProblems } from "../errors";
import { isDraining, type ShutdownStep } from "../lifecycle";
import type { Logger } from "../logger";
import { METRIC_PREFIX } from "../metrics";
import { type DependencyResult, readinessOf } from "../readiness";
import { inRequestSpan, traceIdOf } from "../trace";

/**
 * A named check of one dependency; it throws (or rejects) when the dependency is unusable. In
 * `readiness`, a failure makes the instance unready; in `diagnostics`, it is only reported
 * (`/diagnostics` and `voxbridge_dependency_up` on the management port).
 */
export type ReadinessCheck = { name: string; check: () => Promise<void> };

export type HttpAppOptions = {
  logger: Logger;
  metrics: Registry;
  /** The dependencies this instance cannot serve its traffic without (see `readinessOf`). */
  readiness: ReadinessCheck[];
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Express app with request ids, access logs, /healthz and /readyz; add routes, then call
 * finishHttpApp. Its request metrics go to `metrics`, which only the management port serves.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");

  const duration = new Histogram({
    name: "voxbridge_http_request_duration_seconds",
    help: "HTTP request latency by route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [options.metrics],
  });

  // Joins the caller's trace (a child of its `traceparent`) or starts one; the rest of the request
  // runs in its span, and the response names it.
  app.use((req, res, next) => {
    inRequestSpan(req.get("traceparent"), req.method, (traceparent, end) => {
      res.locals.traceparent = traceparent;
      res.setHeader("traceparent", traceparent);
      res.once("close", end);
      next();
    });
  });
  // While draining after SIGTERM, requests are still served, but each response closes its
  // connection, so no client or proxy sends its next request down a socket about to close.
  app.use((_req, res, next) => {
    if (isDraining()) res.setHeader("connection", "close");
    next();
  });
  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    req.id = incoming && REQUEST_ID.test(incoming) ? incoming : `req_${randomUUID().replaceAll("-", "")}`;
    res.setHeader("x-request-id", String(req.id));
    const stop = duration.startTimer();
    res.on("finish", () => stop({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
    next();
  });
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req) => req.id,
      autoLogging: { ignore: (req) => PROBES.includes(req.url ?? "") },
      // One line per request at info (5xx at error), with the route template and the org and call
      // it was about where known: `res.locals.logContext` (set by the service), else path params.
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
      customSuccessObject: (req, res, line: object) => ({ ...line, ...requestContext(req as express.Request, res as Response) }),
      customErrorObject: (req, res, _error, line: object) => ({ ...line, ...requestContext(req as express.Request, res as Response) }),
      serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );

  registerPublicProbes(app, options.readiness);
  return app;
}

const PROBES = ["/healthz", "/readyz", "/diagnostics"];
const CHECK_TIMEOUT_MS = 2_000;

type CheckOutcome = DependencyResult & { latencyMs: number; error?: string };

/** Runs the checks at once, each bounded by CHECK_TIMEOUT_MS; an error's text stays in the outcome for diagnosis only. */
function runChecks(checks: ReadinessCheck[], gatesReadiness: boolean): Promise<CheckOutcome[]> {
  return Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return { name, gatesReadiness, ok: true, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        const text = error instanceof Error ? error.message : "unavailable";
        return { name, gatesReadiness, ok: false, latencyMs: Math.round(performance.now() - started), error: text };
      }
    }),
  );
}

/**
 * A service's own port: `/healthz` (the process is up) and `/readyz` (200 `ready`, or 503
 * `unavailable` / `draining`), with no dependency names or error text: a public port says nothing
 * about what is behind it.
 */
function registerPublicProbes(app: Express, readiness: ReadinessCheck[]): void {
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const status = readinessOf(isDraining(), isDraining() ? [] : await runChecks(readiness, true));
    res.status(status === "ready" ? 200 : 503).json({ status });
  });
}

/**
 * The management port (`MANAGEMENT_PORT`), for probes, scrapers and operators only:
 * - `/healthz`: the process is up (the liveness probe);
 * - `/readyz`: the readiness probe: 200 `ready`, or 503 `unavailable` / `draining`, with each
 *   check that gates readiness as `ok` or `failing`;
 * - `/diagnostics`: every dependency, those readiness ignores included (Kafka behind an outbox,
 *   Redis behind a fail-open limiter), with whether it answered, how fast, and its error text;
 * - `/metrics`: Prometheus, with `voxbridge_dependency_up{dependency}` and `voxbridge_ready`
 *   measured on each scrape. Served nowhere else, so a public port never exposes it.
 */
export async function startManagementServer(options: {
  port: number;
  metrics: Registry;
  readiness: ReadinessCheck[];
  /** Dependencies reported but never gating readiness. */
  diagnostics?: ReadinessCheck[];
  logger: Logger;
}): Promise<{ port: number; step: ShutdownStep }> {
  const diagnostics = options.diagnostics ?? [];
  const checkAll = async () => [...(await runChecks(options.readiness, true)), ...(await runChecks(diagnostics, false))];
  registerDependencyMetrics(options.metrics, checkAll);
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const outcomes = isDraining() ? [] : await runChecks(options.readiness, true);
    const status = readinessOf(isDraining(), outcomes);
    const checks = Object.fromEntries(outcomes.map((outcome) => [outcome.name, outcome.ok ? "ok" : "failing"]));
    res.status(status === "ready" ? 200 : 503).json({ status, checks });
  });
  app.get("/diagnostics", async (_req, res) => {
    const outcomes = await checkAll();
    res.json({
      status: readinessOf(isDraining(), outcomes),
      dependencies: outcomes.map((outcome) => ({
        name: outcome.name,
        gates_readiness: outcome.gatesReadiness,
        ok: outcome.ok,
        latency_ms: outcome.latencyMs,
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
      })),
    });
  });
  app.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", options.metrics.contentType);
    res.send(await options.metrics.metrics());
  });
  finishHttpApp(app, options.logger);
  const server = await listen(app, options.port);
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ managementPort: port }, "management port listening");
  return { port, step: { name: "management", run: () => closeServer(server) } };
}

/** `voxbridge_dependency_up` and `voxbridge_ready`, measured when scraped (one round of checks per scrape). */
function registerDependencyMetrics(metrics: Registry, checkAll: () => Promise<CheckOutcome[]>): void {
  if (metrics.getSingleMetric(`${METRIC_PREFIX}dependency_up`)) return;
  let lastRound: Promise<CheckOutcome[]> | undefined;
  // Both gauges are collected in one scrape: they share one round of checks.
  const round = () => {
    lastRound ??= checkAll().finally(() => setTimeout(() => (lastRound = undefined), 100).unref());
    return lastRound;
  };
  new Gauge({
    name: `${METRIC_PREFIX}dependency_up`,
    help: "1 when the dependency answered its check at this scrape, else 0",
    labelNames: ["dependency"] as const,
    registers: [metrics],
    async collect() {
      this.reset();
      for (const outcome of await round()) this.set({ dependency: outcome.name }, outcome.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}ready`,
    help: "1 while this instance reports ready on /readyz; 0 while unavailable or draining",
    registers: [metrics],
    async collect() {
      this.set(readinessOf(isDraining(), await round()) === "ready" ? 1 : 0);
    },
  });
}

/** The route template a request matched (`/v1/calls/:call_id`), never its ids; `unmatched` otherwise. */
const routeOf = (req: express.Request) => (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : "unmatched");

/** What a request log line says it was about: its route, and the org and call where known. */
function requestContext(req: express.Request, res: Response): { route: string; orgId?: string; callId?: string; traceId?: string } {
  const known = (res.locals.logContext ?? {}) as { orgId?: string; callId?: string };
  const params = (req.params ?? {}) as Record<string, string | undefined>;
  const orgId = known.orgId ?? params.org_id;
  const callId = known.callId ?? params.call_id;
  const traceparent = res.locals.traceparent as string | undefined;
  return {
    route: routeOf(req),
    ...(orgId ? { orgId } : {}),
    ...(callId ? { callId } : {}),
    ...(traceparent ? { traceId: traceIdOf(traceparent) } : {}),
  };
}

/** Names the org and call a request is about in its log line (see `createHttpApp`). */
export function setLogContext(res: Response, context: { orgId?: string; callId?: string }): void {
  res.locals.logContext = { ...(res.locals.logContext ?? {}), ...context };
}

/** JSON body parsing for the routes after it: non-JSON bodies get 415, bad JSON 400, oversized 413. */
export const jsonBody = (limit = "64kb"): RequestHandler[] => [
  requireJsonBody,
  express.json({ limit, strict: true, type: "application/json" }),
];

/** Refuses bodies that are not JSON before they are read, so a partner sees 415 rather than an empty-body 422. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined;
  if (hasBody && !req.is("application/json")) {
    next(new AppError("unsupported_media_type", "Request bodies must be JSON (Content-Type: application/json)"));
    return;
  }
  next();
};

/** Adds the 404 route and the one error handler; call after every route is registered. */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((req, res, next) => {
    const allowed = allowedMethods(app, req.path);
    if (allowed.length > 0) {
      res.setHeader("allow", allowed.join(", "));
      next(new AppError("method_not_allowed", `${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(", ")}`));
      return;
    }
    next(new AppError("not_found", `No route for ${req.method} ${req.path}`));
  });
  const handler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.code === "internal") {
      logger.error({ err: error, requestId: req.id }, "unhandled error");
    }
    sendError(res, appError, String(req.id));
  };
  app.use(handler);
}

type RouteLayer = {
  match(path: string): boolean;
  path?: string;
  route?: { path: unknown; methods: Record<string, boolean>; stack?: { handle?: { servedCallers?: readonly string[] } }[] };
  handle?: { stack?: RouteLayer[] };
};

/**
 * The methods some route answers on `path`, for a 405's Allow header. Walks the app's router and
 * the routers mounted in it, matching with Express's own layers so path parameters count.
 */
export function allowedMethods(app: Express, path: string): string[] {
  const methods = new Set<string>();
  const walk = (stack: RouteLayer[], rest: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.match(rest)) for (const [method, on] of Object.entries(layer.route.methods)) if (on) methods.add(method.toUpperCase());
      } else if (layer.handle?.stack && layer.match(rest)) {
        walk(layer.handle.stack, rest.slice(layer.path?.length ?? 0) || "/");
      }
    }
  };
  walk(routerStack(app), path);
  if (methods.has("GET")) methods.add("HEAD");
  methods.delete("_ALL");
  return [...methods].sort();
}

/**
 * Every route of a router as `{ method, path }`, with the path it was registered under, following
 * routers mounted in it. Mount paths are not prepended (Express keeps them only as matchers), so
 * this is for routers whose routes carry their full paths. Tests use it to check a rule on every
 * route. An internal route also names the callers it serves.
 */
export function listRoutes(router: Router): { method: string; path: string; servedCallers?: readonly string[] }[] {
  const routes: { method: string; path: string; servedCallers?: readonly string[] }[] = [];
  const walk = (stack: RouteLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        // An internal route's guard (`servesCallers`) carries the callers it serves.
        const servedCallers = layer.route.stack?.find((handler) => handler.handle?.servedCallers)?.handle?.servedCallers;
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== "_all")
            routes.push({ method: method.toUpperCase(), path: String(layer.route.path), ...(servedCallers ? { servedCallers } : {}) });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: RouteLayer[] }).stack);
  return routes;
}

const routerStack = (app: Express) => (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;

/** The one error body, for `error` answered to request `requestId`. */
export function errorEnvelopeOf(error: AppError, requestId: string): ErrorEnvelope {
  return {
    error: {
      type: error.code,
      message: error.message,
      param: error.param,
      ...(error.details ? { details: error.details } : {}),
      request_id: requestId,
    },
  };
}

export function sendError(res: Response, error: AppError, requestId: string): void {
  if (res.headersSent) return;
  const body = errorEnvelopeOf(error, requestId);
  // RFC 9110: a 401 names the scheme that would be accepted.
  if (error.code === "unauthenticated") res.setHeader("www-authenticate", 'Bearer realm="voxbridge"');
  // A dependency outage is usually brief: tell clients when retrying is worth it (the rate limiter sets its own).
  if (error.code === "dependency_unavailable" && !res.hasHeader("retry-after")) res.setHeader("retry-after", "2");
  res.status(error.httpStatus).json(body);
}

/** Maps anything thrown in a route to the error envelope: body-parser and zod failures are the caller's, the rest is ours. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) return fromZodError(error);
  const bodyError = error as { type?: string; status?: number };
  switch (bodyError.type) {
    case "entity.parse.failed":
      return new AppError("malformed_json", "The request body is not valid JSON");
    case "entity.too.large":
      return new AppError("payload_too_large", "The request body is too large");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("unsupported_media_type", "Unsupported body encoding or charset");
    case "request.aborted":
    case "request.size.invalid":
    case "stream.encoding.set":
      return new AppError("malformed_json", "The request body could not be read");
  }
  if (typeof bodyError.status === "number" && bodyError.status >= 400 && bodyError.status < 500) {
    return new AppError("malformed_json", "The request could not be read");
  }
  if (isConnectivityError(error))
    return new AppError("dependency_unavailable", "A backing store is unavailable; try again", { cause: error });
  return new AppError("internal", "Internal error", { cause: error });
}

/** Every problem zod found, in one 422. */
export function fromZodError(error: ZodError): AppError {
  return validationFailed(zodProblems(error));
}

/** Starts listening; resolves once bound. */
export function listen(app: Express, port: number, host = "0.0.0.0"): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.keepAliveTimeout = 65_000;
  });
}

/** Stops accepting connections and waits for in-flight requests; idle keep-alive sockets close at once. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
