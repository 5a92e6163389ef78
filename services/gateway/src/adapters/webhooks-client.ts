import {
  type CreateWebhookEndpointRequest,
  ErrorEnvelope,
  type ListWebhookDeliveriesQuery,
  type ListWebhookEndpointsQuery,
  SigningSecretOut,
  type UpdateWebhookEndpointRequest,
  WebhookDeliveryList,
  WebhookDeliveryOut,
  WebhookEndpointList,
  WebhookEndpointOut,
  WebhookEndpointWithSecretOut,
} from "@voxbridge/contracts";
import { AppError, traceHeader } from "@voxbridge/kit";
import { Pool } from "undici";

/** The webhook service's endpoints and delivery log, on behalf of one org (the gateway never reads its tables). */
export type WebhookDestinations = {
  createEndpoint(orgId: string, request: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecretOut>;
  listEndpoints(orgId: string, query: ListWebhookEndpointsQuery): Promise<WebhookEndpointList>;
  getEndpoint(orgId: string, id: string): Promise<WebhookEndpointOut>;
  updateEndpoint(orgId: string, id: string, patch: UpdateWebhookEndpointRequest): Promise<WebhookEndpointOut>;
  deleteEndpoint(orgId: string, id: string): Promise<void>;
  rotateEndpointSecret(orgId: string, id: string): Promise<WebhookEndpointWithSecretOut>;
  listDeliveries(orgId: string, query: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryList>;
  retryDelivery(orgId: string, id: string): Promise<WebhookDeliveryOut>;
  rotateSigningSecret(orgId: string): Promise<SigningSecretOut>;
};

/**
 * WebhookDestinations over the webhook service's internal HTTP API (docs/webhooks.md). Its 4xx
 * answers pass through with their code and message; anything else is a 503 for the partner.
 */
export function createWebhooksClient(baseUrl: string, token: string): WebhookDestinations & { close: () => Promise<void> } {
  const pool = new Pool(baseUrl, { connections: 16, pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const unavailable = (cause: unknown) =>
    new AppError("dependency_unavailable", "Webhook management is unavailable; try again", { cause, retryable: true });

  const call = async (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<unknown> => {
    let status: number;
    let text: string;
    try {
      const response = await pool.request({
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...traceHeader(),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw unavailable(error);
    }
    if (status >= 200 && status < 300) return text === "" ? undefined : JSON.parse(text);
    if (status >= 400 && status < 500) {
      const envelope = ErrorEnvelope.safeParse(safeJson(text));
      if (envelope.success) {
        const { type, message, param, details } = envelope.data.error;
        throw new AppError(type, message, { param, ...(details ? { details } : {}) });
      }
    }
    throw unavailable(new Error(`webhooks answered ${status}: ${text.slice(0, 200)}`));
  };
  const orgPath = (orgId: string, rest: string) => `/internal/v1/orgs/${encodeURIComponent(orgId)}${rest}`;
  const endpointPath = (orgId: string, id: string, rest = "") => orgPath(orgId, `/webhook-endpoints/${encodeURIComponent(id)}${rest}`);

  return {
    createEndpoint: async (orgId, request) =>
      WebhookEndpointWithSecretOut.parse(await call("POST", orgPath(orgId, "/webhook-endpoints"), request)),
    listEndpoints: async (orgId, query) =>
      WebhookEndpointList.parse(await call("GET", orgPath(orgId, `/webhook-endpoints?${pageSearch(query)}`))),
    getEndpoint: async (orgId, id) => WebhookEndpointOut.parse(await call("GET", endpointPath(orgId, id))),
    updateEndpoint: async (orgId, id, patch) => WebhookEndpointOut.parse(await call("PATCH", endpointPath(orgId, id), patch)),
    deleteEndpoint: async (orgId, id) => void (await call("DELETE", endpointPath(orgId, id))),
    rotateEndpointSecret: async (orgId, id) =>
      WebhookEndpointWithSecretOut.parse(await call("POST", endpointPath(orgId, id, "/rotate-secret"))),
    listDeliveries: async (orgId, query) => {
      const search = pageSearch(query);
      if (query.call_id) search.set("call_id", query.call_id);
      if (query.status) search.set("status", query.status);
      return WebhookDeliveryList.parse(await call("GET", orgPath(orgId, `/webhook-deliveries?${search}`)));
    },
    retryDelivery: async (orgId, id) =>
      WebhookDeliveryOut.parse(await call("POST", orgPath(orgId, `/webhook-deliveries/${encodeURIComponent(id)}/retry`))),
    rotateSigningSecret: async (orgId) => SigningSecretOut.parse(await call("POST", orgPath(orgId, "/signing-secret/rotate"))),
    close: () => pool.close(),
  };
}

const pageSearch = (page: { limit: number; offset: number }) =>
  new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
