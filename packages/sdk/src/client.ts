import createClient from "openapi-fetch";
import { VoxBridgeError } from "./errors";
import type { paths } from "./generated/openapi";
import { fetchWithTimeout, type RetrySafety, withRetries } from "./retry";
import type * as T from "./types";

export type VoxBridgeOptions = {
  /** An `sk_live_…` key from the dashboard or `apiKeys.create`. */
  apiKey: string;
  /** Where the API lives, e.g. `https://voxbridge.cc`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (a proxy-aware fetch, or a fake in tests). */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * How many times a request is sent again after a connection failure, a timeout or an answer that
   * means "not now" (see docs: reads and the calls that carry an Idempotency-Key retry 408, 409 in
   * flight, 429 and 5xx; other writes only 429 and connections that were never made); 3 unless set.
   */
  maxRetries?: number;
  /** Milliseconds each attempt waits for an answer before giving up (then retried as above); 60,000 unless set. */
  timeoutMs?: number;
};

/** Options of the two calls that carry an Idempotency-Key. */
export type IdempotentOptions = {
  /** Reuse one key for one intent (say, your own order id) to make your own retries safe too; a random UUID otherwise. */
  idempotencyKey?: string;
};

/** openapi-fetch's `{ data, error, response }`, reduced to the body; any non-2xx becomes a VoxBridgeError. */
async function unwrap<Data>(pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await pending;
  if (!response.ok) throw VoxBridgeError.fromResponse(response, error);
  return data as Data;
}

/** A typed client for the VoxBridge Calls API. Every method resolves to the response body or rejects with a VoxBridgeError. */
export function createVoxBridge(options: VoxBridgeOptions) {
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError("maxRetries must be a non-negative integer");
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new RangeError("timeoutMs must be a positive integer");
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: fetchWithTimeout(options.fetch ?? ((request) => globalThis.fetch(request)), timeoutMs),
    headers: { authorization: `Bearer ${options.apiKey}` },
  });
  /** Sends a request with the retry policy its safety allows, and unwraps the answer. */
  const send = <Data>(safety: RetrySafety, attempt: () => Promise<{ data?: Data; error?: unknown; response: Response }>) =>
    unwrap(withRetries(attempt, { maxRetries, safety }));
  const read = <Data>(attempt: () => Promise<{ data?: Data; error?: unknown; response: Response }>) => send("idempotent", attempt);
  const write = <Data>(attempt: () => Promise<{ data?: Data; error?: unknown; response: Response }>) => send("unsafe", attempt);
  /** The key is chosen once, before the first attempt, so every retry is the same request to the server. */
  const idempotencyHeader = (given: IdempotentOptions) => ({ "idempotency-key": given.idempotencyKey ?? crypto.randomUUID() });

  return {
    calls: {
      /** Queues an outbound call; retried on 429/503 with one Idempotency-Key, so it is placed at most once. */
      create: (body: T.CreateCallRequest, given: IdempotentOptions = {}): Promise<T.Call> => {
        const header = idempotencyHeader(given);
        return send("idempotent", () => client.POST("/v1/calls/outbound", { body, params: { header } }));
      },
      /** Queues up to 1,000 calls; each item is answered as its own create would be. Retried like `create`, under one Idempotency-Key. */
      createBatch: (body: T.CreateCallBatchRequest, given: IdempotentOptions = {}): Promise<T.CallBatchResponse> => {
        const header = idempotencyHeader(given);
        return send("idempotent", () => client.POST("/v1/calls/batch", { body, params: { header } }));
      },
      list: (query?: T.ListCallsQuery): Promise<T.CallList> => read(() => client.GET("/v1/calls", { params: { query } })),
      get: (callId: string): Promise<T.Call> => read(() => client.GET("/v1/calls/{call_id}", { params: { path: { call_id: callId } } })),
      /** Changes a call that is still queued (409 once calling or finished). */
      update: (callId: string, body: T.UpdateCallRequest): Promise<T.Call> =>
        write(() => client.PATCH("/v1/calls/{call_id}", { params: { path: { call_id: callId } }, body })),
      /** Every dial of the call, oldest first. */
      attempts: (callId: string, query?: T.ListAttemptsQuery): Promise<T.AttemptList> =>
        read(() => client.GET("/v1/calls/{call_id}/attempts", { params: { path: { call_id: callId }, query } })),
      /** The call's conversation turn by turn (speaker, text, attempt, start_ms, end_ms), in conversation order. */
      transcript: (callId: string, query?: T.ListTranscriptQuery): Promise<T.TranscriptTurnList> =>
        read(() => client.GET("/v1/calls/{call_id}/transcript", { params: { path: { call_id: callId }, query } })),
      /**
       * The call's recording: a two-channel WAV (callee left, agent right). A redirect to the object
       * store's short-lived URL is followed (fetch drops the API key on the way there).
       */
      recording: async (callId: string): Promise<T.Recording> => {
        const { data, error, response } = await withRetries(
          () => client.GET("/v1/calls/{call_id}/recording", { params: { path: { call_id: callId } }, parseAs: "arrayBuffer" }),
          { maxRetries, safety: "idempotent" },
        );
        if (!response.ok || !(data instanceof ArrayBuffer)) throw VoxBridgeError.fromResponse(response, error);
        return { contentType: response.headers.get("content-type") ?? "audio/wav", audio: new Uint8Array(data) };
      },
      /** Deletes the call's recording now (the transcript and answers stay). */
      deleteRecording: async (callId: string): Promise<void> =>
        void (await write(() => client.DELETE("/v1/calls/{call_id}/recording", { params: { path: { call_id: callId } } }))),
      /**
       * Asks to cancel a call; retried like `create`. Resolves with the call: `canceled` when it was not
       * dialed yet (200), or as it is with `cancel_requested_at` set while the dialer hangs up (202); its
       * `call.canceled` webhook follows. A finished call rejects with 409.
       */
      cancel: (callId: string, given: IdempotentOptions = {}): Promise<T.Call> => {
        const header = idempotencyHeader(given);
        const path = { call_id: callId };
        return send("idempotent", () => client.POST("/v1/calls/{call_id}/cancel", { params: { path, header } }));
      },
    },
    agents: {
      create: (body: T.CreateAgentRequest): Promise<T.Agent> => write(() => client.POST("/v1/agents", { body })),
      list: (query?: T.ListAgentsQuery): Promise<T.AgentList> => read(() => client.GET("/v1/agents", { params: { query } })),
      get: (agentId: string): Promise<T.Agent> =>
        read(() => client.GET("/v1/agents/{agent_id}", { params: { path: { agent_id: agentId } } })),
      update: (agentId: string, body: T.UpdateAgentRequest): Promise<T.Agent> =>
        write(() => client.PATCH("/v1/agents/{agent_id}", { params: { path: { agent_id: agentId } }, body })),
      /** Resolves to the agent as it was deleted. */
      delete: (agentId: string): Promise<T.Agent> =>
        write(() => client.DELETE("/v1/agents/{agent_id}", { params: { path: { agent_id: agentId } } })),
    },
    suppressions: {
      /** Adds a number (its calls are refused, and waiting ones canceled); a number listed already resolves to its existing entry. */
      create: (body: T.CreateSuppressionRequest): Promise<T.Suppression> => write(() => client.POST("/v1/suppressions", { body })),
      list: (query?: T.ListSuppressionsQuery): Promise<T.SuppressionList> =>
        read(() => client.GET("/v1/suppressions", { params: { query } })),
      delete: async (suppressionId: string): Promise<void> => {
        await write(() => client.DELETE("/v1/suppressions/{suppression_id}", { params: { path: { suppression_id: suppressionId } } }));
      },
    },
    usage: {
      get: (): Promise<T.Usage> => read(() => client.GET("/v1/usage")),
    },
    apiKeys: {
      list: (query?: T.ListApiKeysQuery): Promise<T.ApiKeyList> => read(() => client.GET("/v1/api-keys", { params: { query } })),
      /** The full key is in this response only; store it now. */
      create: (body: T.CreateApiKeyRequest): Promise<T.CreatedApiKey> => write(() => client.POST("/v1/api-keys", { body })),
      revoke: (apiKeyId: string): Promise<T.ApiKey> =>
        write(() => client.DELETE("/v1/api-keys/{api_key_id}", { params: { path: { api_key_id: apiKeyId } } })),
    },
    webhookEndpoints: {
      /** The endpoint's signing secret is in this response (and rotateSecret's) only. */
      create: (body: T.CreateWebhookEndpointRequest): Promise<T.WebhookEndpointWithSecret> =>
        write(() => client.POST("/v1/webhook-endpoints", { body })),
      list: (query?: T.ListWebhookEndpointsQuery): Promise<T.WebhookEndpointList> =>
        read(() => client.GET("/v1/webhook-endpoints", { params: { query } })),
      get: (endpointId: string): Promise<T.WebhookEndpoint> =>
        read(() => client.GET("/v1/webhook-endpoints/{endpoint_id}", { params: { path: { endpoint_id: endpointId } } })),
      update: (endpointId: string, body: T.UpdateWebhookEndpointRequest): Promise<T.WebhookEndpoint> =>
        write(() => client.PATCH("/v1/webhook-endpoints/{endpoint_id}", { params: { path: { endpoint_id: endpointId } }, body })),
      delete: async (endpointId: string): Promise<void> => {
        await write(() => client.DELETE("/v1/webhook-endpoints/{endpoint_id}", { params: { path: { endpoint_id: endpointId } } }));
      },
      rotateSecret: (endpointId: string): Promise<T.WebhookEndpointWithSecret> =>
        write(() => client.POST("/v1/webhook-endpoints/{endpoint_id}/rotate-secret", { params: { path: { endpoint_id: endpointId } } })),
    },
    deliveries: {
      list: (query?: T.ListWebhookDeliveriesQuery): Promise<T.WebhookDeliveryList> =>
        read(() => client.GET("/v1/webhook-deliveries", { params: { query } })),
      /** Sends a delivery again, with its original webhook-id so your deduplication still recognizes it. */
      retry: (deliveryId: string): Promise<T.WebhookDelivery> =>
        write(() => client.POST("/v1/webhook-deliveries/{delivery_id}/retry", { params: { path: { delivery_id: deliveryId } } })),
    },
    signingSecret: {
      /** The organization's new secret, shown once; the previous one keeps signing alongside it for 24 hours. */
      rotate: (): Promise<T.SigningSecret> => write(() => client.POST("/v1/signing-secret/rotate")),
    },
  };
}

export type VoxBridge = ReturnType<typeof createVoxBridge>;
