import { ErrorEnvelope, WebhookEvent, WebhookEventType } from "@voxbridge/contracts";
import type { Express } from "express";
import swaggerUi from "swagger-ui-express";
import { z } from "zod";
import { createDocument, type oas31, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { EXAMPLES, errorExample, WEBHOOK_EXAMPLES } from "./examples";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON, or no agent_id and no default agent",
  401: "Missing, malformed, unknown or revoked API key",
  402: "Monthly minute limit reached",
  404: "No such resource for this organization",
  409: "Conflict with the resource's state, or the Idempotency-Key is still in flight",
  413: "Request body too large",
  415: "Request body is not JSON",
  422: "Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list",
  429: "Rate limit for this API key reached; see Retry-After and RateLimit headers",
  503: "A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds",
};

/** The error envelope under each given status, plus the ones every authenticated route can answer. */
export function errorResponses(...statuses: number[]): ZodOpenApiResponsesObject {
  const all = [...new Set([...statuses, 401, 429, 503])].sort();
  return Object.fromEntries(
    all.map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? "Error",
        content: { "application/json": { schema: ErrorEnvelope, example: errorExample(status) } },
      },
    ]),
  );
}

/** A JSON body of `schema`, with its example (every body the API takes or answers has one: http/examples.ts). */
export const json = <T extends z.ZodType>(schema: T) => {
  const example = EXAMPLES.get(schema);
  if (example === undefined)
    throw new Error(`no example for ${z.globalRegistry.get(schema)?.id ?? "a schema"}: add one to http/examples.ts`);
  return { content: { "application/json": { schema, example } } };
};

/** Tags, one per resource, by path prefix. */
const TAGS = [
  { prefix: "/v1/calls", name: "Calls", description: "Queue outbound calls, read their records, cancel them" },
  { prefix: "/v1/agents", name: "Agents", description: "The voice agents that place calls, and the organization's default" },
  {
    prefix: "/v1/suppressions",
    name: "Suppressions",
    description: "Numbers the organization's calls never dial: opt-outs and your own do-not-call entries",
  },
  { prefix: "/v1/usage", name: "Usage", description: "Minutes of the current month" },
  { prefix: "/v1/api-keys", name: "API keys", description: "The organization's `sk_live_` keys" },
  {
    prefix: "/v1/webhook-endpoints",
    name: "Webhook endpoints",
    description: "Where every call event is delivered, each with its own signing secret",
  },
  { prefix: "/v1/webhook-deliveries", name: "Webhook deliveries", description: "The delivery log, and replays" },
  {
    prefix: "/v1/signing-secret",
    name: "Signing secret",
    description: "The organization's secret, which signs deliveries to a call's own `webhook_url`",
  },
] as const;

const SANDBOX_NUMBERS = [
  "| Number | What the simulator does |",
  "| --- | --- |",
  "| ends in `0001` | No answer: retried up to `max_attempts`, then `failed`, disposition `no_answer` |",
  "| ends in `0002` | Busy: retried, then `failed`, disposition `busy` |",
  "| ends in `0003` | Rejected by the carrier: never retried, `failed`, disposition `rejected` |",
  "| ends in `0004` | Answered by voicemail: the agent leaves its message; `completed`, disposition `voicemail`, not retried |",
  '| ends in `0005` | Answered; the callee says "please stop calling me": `completed`, disposition `opt_out`, and the number joins the suppression list (reason `opt_out`) |',
  "| anything else | Answered; the agent talks with the simulated callee until it hangs up, then `completed`, disposition `completed` |",
].join("\n");

const SIMULATED_CALLEE = [
  "**Scripting the sandbox callee (`simulated_callee`, sandbox only).** An answered sandbox call converses with the agent: the simulator connects it to the agent's media stream exactly as a carrier would, and the simulated callee speaks as the script says, as real audio through the agent's own speech recognition (nothing reaches the agent as text). Without a script the callee says hello and answers nothing:",
  "",
  "- `answers`: values keyed by the agent's `answer_schema` properties (each must fit its property: an `enum` value, a boolean, a number); the callee says each one when the agent asks for it. A script need not answer every property.",
  "- `interrupts: true`: the callee talks over the agent's first sentence (barge-in).",
  "- `silent: true`: the callee says nothing.",
  "- `opt_out: true`: the callee asks not to be called again.",
  "",
  "The callee's speech is paced by audio frames, not the clock, so the same script gives the same answers every time and `structured_answers` can be asserted in a partner's integration tests. With live telephony configured, a body carrying `simulated_callee` answers 422.",
].join("\n");

/** The sandbox table and the scripted callee, for the create operation's description (the README shows the same). */
export const SANDBOX_DESCRIPTION = `With the simulator (sandbox deployments), the last four digits of \`to\` choose the outcome:\n\n${SANDBOX_NUMBERS}\n\n${SIMULATED_CALLEE}`;

// Standard Webhooks headers, on every delivery.
const WebhookHeaders = z.object({
  "webhook-id": z
    .string()
    .meta({ description: "Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate" }),
  "webhook-timestamp": z
    .string()
    .meta({ description: "Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay" }),
  "webhook-signature": z.string().meta({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret ' +
      "(two for 24 h after a rotation)",
  }),
});

const WEBHOOK_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "call.queued": "The call was accepted and is waiting for its time.",
  "call.calling": "An attempt started dialing; sent once per attempt (`attempt` says which), with no earlier attempt's outcome.",
  "call.updated":
    "The call changed while not final: an attempt ended and a retry is due at `next_attempt_at` (`disposition` and `error_message` say how the attempt ended), or a queued call was edited.",
  "call.completed": "The call was answered (by a person, or voicemail: see `disposition`); `duration_seconds` is billed.",
  "call.failed": "The call ended without a conversation for good: `disposition` and `error_message` say why.",
  "call.canceled":
    "The call was canceled (POST /v1/calls/{call_id}/cancel) or its number suppressed: before dialing, while it rang, or while it talked. It is the call's only terminal event; `duration_seconds` is the talk time it had, billed like a completed call's.",
  "call.analyzed":
    "The conversation of a call that ended was analyzed: the record carries `transcript` (one line per turn, `agent: ` or `callee: `), `structured_answers` (null when nobody talked) and `recording_url` once a recording is stored. Sent after the call's final event, once for every call that had media, and again if its recording is stored late. `GET /v1/calls/{call_id}/transcript` lists the turns with their timing.",
};

/** The OpenAPI 3.1 `webhooks`: one POST per event type, with its body and the Standard Webhooks headers. */
function webhooks() {
  return Object.fromEntries(
    WebhookEventType.options.map((type) => {
      const schema = WebhookEvent.options.find((option) => option.shape.type.value === type);
      return [
        type,
        {
          post: {
            operationId: `${type.replace(".", "_")}_webhook`,
            summary: `${type} delivery`,
            description:
              `${WEBHOOK_DESCRIPTIONS[type]} Sent to every enabled endpoint subscribed to \`${type}\`, or to the call's own ` +
              "`webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before " +
              "parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.",
            tags: ["Webhook events"],
            requestParams: { header: WebhookHeaders },
            requestBody: { content: { "application/json": { schema, example: WEBHOOK_EXAMPLES[type] } } },
            responses: {
              "200": { description: "Any 2xx acknowledges the delivery; the body is ignored" },
              "410": { description: "Gone: the endpoint is disabled and receives nothing more until re-enabled" },
            },
          },
        },
      ];
    }),
  );
}

// Response headers, added to every operation after generation (zod describes bodies, not these).
const HEADERS = {
  "x-request-id": {
    description: "The request's id (yours, if you sent a sane `x-request-id`); quote it to support",
    schema: { type: "string" },
  },
  traceparent: {
    description: "W3C Trace Context of this request: in your trace when you sent a `traceparent`, else a new one",
    schema: { type: "string" },
  },
  RateLimit: {
    description: 'IETF RateLimit: what is left of this API key\'s window, e.g. `"default";r=119;t=42`',
    schema: { type: "string" },
  },
  "RateLimit-Policy": {
    description: 'IETF RateLimit-Policy: the quota and window, e.g. `"default";q=120;w=60`',
    schema: { type: "string" },
  },
  "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 0 } },
  Location: { description: "Path of the created resource", schema: { type: "string" } },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
    schema: { type: "string", enum: ["true"] },
  },
  "WWW-Authenticate": { description: "`Bearer`: the scheme this API accepts", schema: { type: "string" } },
} satisfies Record<string, oas31.HeaderObject>;
type HeaderName = keyof typeof HEADERS;

/** Which headers a response carries, from its operation and status. */
function headersOf(method: string, path: string, status: string, operation: { parameters?: unknown[] }): HeaderName[] {
  const headers: HeaderName[] = ["x-request-id", "traceparent", "RateLimit", "RateLimit-Policy"];
  if (status === "429" || status === "503") headers.push("Retry-After");
  if (status === "401") headers.push("WWW-Authenticate");
  if (status === "201" && method === "post" && !path.startsWith("/v1/api-keys")) headers.push("Location");
  const idempotent = (operation.parameters ?? []).some((parameter) => (parameter as { name?: string }).name === "idempotency-key");
  if (idempotent && status.startsWith("2")) headers.push("Idempotent-Replayed");
  return headers;
}

type Operation = { tags?: string[]; parameters?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> };

/** The OpenAPI 3.1 document, generated from the routes' zod schemas (never written by hand). */
export function buildOpenApiDocument(paths: ZodOpenApiPathsObject[]) {
  const document = createDocument({
    openapi: "3.1.0",
    info: {
      title: "VoxBridge Calls API",
      version: "1.0.0",
      description:
        "Queue outbound phone calls for AI voice agents, read call records, manage agents, keys, webhooks and usage. " +
        "Every route needs `Authorization: Bearer sk_live_…`. Errors use one envelope (`error.type` is the stable code). " +
        "Lists take `limit` (1–100, default 25) and `offset`, and answer `{items, total, limit, offset}`. In request bodies " +
        "`null` means the same as leaving a field out, except where a PATCH field says `null` clears it.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      contact: { name: "VoxBridge support", url: "https://voxbridge.cc" },
    },
    servers: [
      { url: "/", description: "This deployment (the host serving this document)" },
      { url: "https://voxbridge.cc", description: "VoxBridge production" },
    ],
    tags: [
      ...TAGS.map(({ name, description }) => ({ name, description })),
      { name: "Webhook events", description: "What VoxBridge POSTs to you" },
    ],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An `sk_live_…` API key" } },
    },
    // Several operation files share a path (GET and POST /v1/agents): merge their methods.
    paths: paths.reduce<ZodOpenApiPathsObject>((merged, entry) => {
      for (const [path, item] of Object.entries(entry)) merged[path] = { ...merged[path], ...item };
      return merged;
    }, {}),
    webhooks: webhooks(),
  });
  document.components = { ...document.components, headers: HEADERS };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const tag = TAGS.find(({ prefix }) => path.startsWith(prefix))?.name;
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (tag) operation.tags = [tag];
      for (const [status, response] of Object.entries(operation.responses)) {
        const names = headersOf(method, path, status, operation);
        response.headers = {
          ...Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }])),
          ...response.headers,
        };
      }
    }
  }
  return document;
}

/** GET /openapi.json and a browsable reference at /docs (assets served from swagger-ui-dist, no CDN). */
export function registerApiDocs(app: Express, document: ReturnType<typeof buildOpenApiDocument>): void {
  app.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  app.use(
    "/docs",
    swaggerUi.serve,
    swaggerUi.setup(undefined, {
      swaggerOptions: { url: "/openapi.json", persistAuthorization: true, tryItOutEnabled: false, displayRequestDuration: true },
      customSiteTitle: "VoxBridge API",
    }),
  );
}
