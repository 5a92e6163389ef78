import createClient from "openapi-fetch";
import { VoxBridgeError } from "./errors";
import type { paths } from "./generated/openapi";
import { withRetries } from "./retry";
import type * as T from "./types";

export type VoxBridgeOptions = {
  /** An `sk_live_…` key from the dashboard or `apiKeys.create`. */
  apiKey: string;
  /** Where the API lives, e.g. `https://voxbridge.cc`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (a proxy-aware fetch, or a fake in tests). */
  fetch?: (request: Request) => Promise<Response>;
  /** How many times `calls.create` and `calls.cancel` retry a 429 or 503 answer; 3 unless set. */
  maxRetries?: number;
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
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: { authorization: `Bearer ${options.apiKey}` },
  });
  /** The key is chosen once, before the first attempt, so every retry is the same request to the server. */
  const idempotencyHeader = (given: IdempotentOptions) => ({ "idempotency-key": given.idempotencyKey ?? crypto.randomUUID() });

  return {
    calls: {
      /** Queues an outbound call; retried on 429/503 with one Idempotency-Key, so it is placed at most once. */
      create: (body: T.CreateCallRequest, given: IdempotentOptions = {}): Promise<T.Call> => {
        const header = idempotencyHeader(given);
        return unwrap(withRetries(() => client.POST("/v1/calls/outbound", { body, params: { header } }), maxRetries));
      },
      /** Queues up to 1,000 calls; each item is answered as its own create would be. Retried like `create`, under one Idempotency-Key. */
      createBatch: (body: T.CreateCallBatchRequest, given: IdempotentOptions = {}): Promise<T.CallBatchResponse> => {
        const header = idempotencyHeader(given);
        return unwrap(withRetries(() => client.POST("/v1/calls/batch", { body, params: { header } }), maxRetries));
      },
      list: (query?: T.ListCallsQuery): Promise<T.CallList> => unwrap(client.GET("/v1/calls", { params: { query } })),
      get: (callId: string): Promise<T.Call> => unwrap(client.GET("/v1/calls/{call_id}", { params: { path: { call_id: callId } } })),
      /** Changes a call that is still queued (409 once calling or finished). */
      update: (callId: string, body: T.UpdateCallRequest): Promise<T.Call> =>
        unwrap(client.PATCH("/v1/calls/{call_id}", { params: { path: { call_id: callId } }, body })),
      /** Every dial of the call, oldest first. */
      attempts: (callId: string, query?: T.ListAttemptsQuery): Promise<T.AttemptList> =>
        unwrap(client.GET("/v1/calls/{call_id}/attempts", { params: { path: { call_id: callId }, query } })),
      /** The call's conversation turn by turn (speaker, text, attempt, start_ms, end_ms), in conversation order. */
      transcript: (callId: string, query?: T.ListTranscriptQuery): Promise<T.TranscriptTurnList> =>
        unwrap(client.GET("/v1/calls/{call_id}/transcript", { params: { path: { call_id: callId }, query } })),
      /**
       * The call's recording: a two-channel WAV (callee left, agent right). A redirect to the object
       * store's short-lived URL is followed (fetch drops the API key on the way there).
       */
      recording: async (callId: string): Promise<T.Recording> => {
        const pending = client.GET("/v1/calls/{call_id}/recording", { params: { path: { call_id: callId } }, parseAs: "arrayBuffer" });
        const { data, error, response } = await pending;
        if (!response.ok || !(data instanceof ArrayBuffer)) throw VoxBridgeError.fromResponse(response, error);
        return { contentType: response.headers.get("content-type") ?? "audio/wav", audio: new Uint8Array(data) };
      },
      /** Deletes the call's recording now (the transcript and answers stay). */
      deleteRecording: async (callId: string): Promise<void> =>
        void (await unwrap(client.DELETE("/v1/calls/{call_id}/recording", { params: { path: { call_id: callId } } }))),
      /** Cancels a queued call; retried like `create`. */
      cancel: (callId: string, given: IdempotentOptions = {}): Promise<T.Call> => {
        const header = idempotencyHeader(given);
        const path = { call_id: callId };
        return unwrap(withRetries(() => client.POST("/v1/calls/{call_id}/cancel", { params: { path, header } }), maxRetries));
      },
    },
    agents: {
      create: (body: T.CreateAgentRequest): Promise<T.Agent> => unwrap(client.POST("/v1/agents", { body })),
      list: (query?: T.ListAgentsQuery): Promise<T.AgentList> => unwrap(client.GET("/v1/agents", { params: { query } })),
      get: (agentId: string): Promise<T.Agent> => unwrap(client.GET("/v1/agents/{agent_id}", { params: { path: { agent_id: agentId } } })),
      update: (agentId: string, body: T.UpdateAgentRequest): Promise<T.Agent> =>
        unwrap(client.PATCH("/v1/agents/{agent_id}", { params: { path: { agent_id: agentId } }, body })),
      /** Resolves to the agent as it was deleted. */
      delete: (agentId: string): Promise<T.Agent> =>
        unwrap(client.DELETE("/v1/agents/{agent_id}", { params: { path: { agent_id: agentId } } })),
    },
    suppressions: {
      /** Adds a number (its calls are refused, and waiting ones canceled); a number listed already resolves to its existing entry. */
      create: (body: T.CreateSuppressionRequest): Promise<T.Suppression> => unwrap(client.POST("/v1/suppressions", { body })),
      list: (query?: T.ListSuppressionsQuery): Promise<T.SuppressionList> => unwrap(client.GET("/v1/suppressions", { params: { query } })),
      delete: async (suppressionId: string): Promise<void> => {
        await unwrap(client.DELETE("/v1/suppressions/{suppression_id}", { params: { path: { suppression_id: suppressionId } } }));
      },
    },
    usage: {
      get: (): Promise<T.Usage> => unwrap(client.GET("/v1/usage")),
    },
    apiKeys: {
      list: (query?: T.ListApiKeysQuery): Promise<T.ApiKeyList> => unwrap(client.GET("/v1/api-keys", { params: { query } })),
      /** The full key is in this response only; store it now. */
      create: (body: T.CreateApiKeyRequest): Promise<T.CreatedApiKey> => unwrap(client.POST("/v1/api-keys", { body })),
      revoke: (apiKeyId: string): Promise<T.ApiKey> =>
        unwrap(client.DELETE("/v1/api-keys/{api_key_id}", { params: { path: { api_key_id: apiKeyId } } })),
    },
    webhookEndpoints: {
      /** The endpoint's signing secret is in this response (and rotateSecret's) only. */
      create: (body: T.CreateWebhookEndpointRequest): Promise<T.WebhookEndpointWithSecret> =>
        unwrap(client.POST("/v1/webhook-endpoints", { body })),
      list: (query?: T.ListWebhookEndpointsQuery): Promise<T.WebhookEndpointList> =>
        unwrap(client.GET("/v1/webhook-endpoints", { params: { query } })),
      get: (endpointId: string): Promise<T.WebhookEndpoint> =>
        unwrap(client.GET("/v1/webhook-endpoints/{endpoint_id}", { params: { path: { endpoint_id: endpointId } } })),
      update: (endpointId: string, body: T.UpdateWebhookEndpointRequest): Promise<T.WebhookEndpoint> =>
        unwrap(client.PATCH("/v1/webhook-endpoints/{endpoint_id}", { params: { path: { endpoint_id: endpointId } }, body })),
      delete: async (endpointId: string): Promise<void> => {
        await unwrap(client.DELETE("/v1/webhook-endpoints/{endpoint_id}", { params: { path: { endpoint_id: endpointId } } }));
      },
      rotateSecret: (endpointId: string): Promise<T.WebhookEndpointWithSecret> =>
        unwrap(client.POST("/v1/webhook-endpoints/{endpoint_id}/rotate-secret", { params: { path: { endpoint_id: endpointId } } })),
    },
    deliveries: {
      list: (query?: T.ListWebhookDeliveriesQuery): Promise<T.WebhookDeliveryList> =>
        unwrap(client.GET("/v1/webhook-deliveries", { params: { query } })),
      /** Sends a delivery again, with its original webhook-id so your deduplication still recognizes it. */
      retry: (deliveryId: string): Promise<T.WebhookDelivery> =>
        unwrap(client.POST("/v1/webhook-deliveries/{delivery_id}/retry", { params: { path: { delivery_id: deliveryId } } })),
    },
    signingSecret: {
      /** The organization's new secret, shown once; the previous one keeps signing alongside it for 24 hours. */
      rotate: (): Promise<T.SigningSecret> => unwrap(client.POST("/v1/signing-secret/rotate")),
    },
  };
}

export type VoxBridge = ReturnType<typeof createVoxBridge>;
