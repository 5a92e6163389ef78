import type {
  CreateWebhookEndpointRequest,
  UpdateWebhookEndpointRequest,
  WebhookEndpointOut,
  WebhookEndpointWithSecretOut,
} from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit/core";

/** How long a rotated-out secret keeps being signed with, so receivers can switch without dropping events. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

/** An org's endpoints; every method is scoped by org, so another org's id is simply absent. */
export interface EndpointStore {
  create(endpoint: WebhookEndpointWithSecretOut & { orgId: string }): Promise<void>;
  list(orgId: string, page: { limit: number; offset: number }): Promise<{ items: WebhookEndpointOut[]; total: number }>;
  find(orgId: string, id: string): Promise<WebhookEndpointOut | null>;
  update(orgId: string, id: string, patch: UpdateWebhookEndpointRequest, now: Date): Promise<WebhookEndpointOut | null>;
  delete(orgId: string, id: string): Promise<boolean>;
  /** Makes `secret` current and keeps the current one valid until `previousValidUntil`. */
  rotateSecret(orgId: string, id: string, secret: string, previousValidUntil: Date, now: Date): Promise<WebhookEndpointOut | null>;
}

export type EndpointDeps = {
  endpoints: EndpointStore;
  /** Throws a 422 AppError when the URL may not be called (scheme, credentials, SSRF). */
  checkUrl: (url: string) => Promise<void>;
  newId: () => string;
  newSecret: () => string;
  clock: () => Date;
};

const notFound = () => new AppError("not_found", "No webhook endpoint with this id", { param: "endpoint_id" });

export async function createEndpoint(
  deps: EndpointDeps,
  orgId: string,
  request: CreateWebhookEndpointRequest,
): Promise<WebhookEndpointWithSecretOut> {
  await deps.checkUrl(request.url);
  const now = deps.clock().toISOString();
  const endpoint: WebhookEndpointWithSecretOut = {
    id: deps.newId(),
    url: request.url,
    events: request.events ?? null,
    description: request.description ?? null,
    enabled: request.enabled,
    disabled_reason: null,
    created_at: now,
    updated_at: now,
    secret: deps.newSecret(),
  };
  await deps.endpoints.create({ ...endpoint, orgId });
  return endpoint;
}

export const listEndpoints = async (deps: EndpointDeps, orgId: string, page: { limit: number; offset: number }) => ({
  ...(await deps.endpoints.list(orgId, page)),
  ...page,
});

export async function getEndpoint(deps: EndpointDeps, orgId: string, id: string): Promise<WebhookEndpointOut> {
  const endpoint = await deps.endpoints.find(orgId, id);
  if (!endpoint) throw notFound();
  return endpoint;
}

export async function updateEndpoint(
  deps: EndpointDeps,
  orgId: string,
  id: string,
  patch: UpdateWebhookEndpointRequest,
): Promise<WebhookEndpointOut> {
  if (patch.url !== undefined) await deps.checkUrl(patch.url);
  const endpoint = await deps.endpoints.update(orgId, id, patch, deps.clock());
  if (!endpoint) throw notFound();
  return endpoint;
}

export async function deleteEndpoint(deps: EndpointDeps, orgId: string, id: string): Promise<void> {
  if (!(await deps.endpoints.delete(orgId, id))) throw notFound();
}

export async function rotateEndpointSecret(deps: EndpointDeps, orgId: string, id: string): Promise<WebhookEndpointWithSecretOut> {
  const now = deps.clock();
  const secret = deps.newSecret();
  const endpoint = await deps.endpoints.rotateSecret(orgId, id, secret, new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS), now);
  if (!endpoint) throw notFound();
  return { ...endpoint, secret };
}
