import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { IdempotencyStore } from "../../adapters/idempotency-store";
import type { WebhookDestinations } from "../../adapters/webhooks-client";
import type { AgentDeps } from "../../app/agents";
import type { CallRecordingDeps } from "../../app/call-recording";
import type { CancelCallDeps } from "../../app/cancel-call";
import type { CreateOutboundCallDeps } from "../../app/create-outbound-call";
import type { ApiKeyStore, MinuteHolds } from "../../app/ports";
import type { SuppressionDeps } from "../../app/suppressions";
import { idempotent } from "../idempotency";
import { cancelCallOpenApi, registerCancelCall } from "./cancel-call";
import { createAgentOpenApi, registerCreateAgent } from "./create-agent";
import { createApiKeyOpenApi, registerCreateApiKey } from "./create-api-key";
import { createCallBatchOpenApi, registerCreateCallBatch } from "./create-call-batch";
import { createOutboundCallOpenApi, registerCreateOutboundCall } from "./create-outbound-call";
import { createSuppressionOpenApi, registerCreateSuppression } from "./create-suppression";
import { createWebhookEndpointOpenApi, registerCreateWebhookEndpoint } from "./create-webhook-endpoint";
import { deleteAgentOpenApi, registerDeleteAgent } from "./delete-agent";
import { deleteCallRecordingOpenApi, registerDeleteCallRecording } from "./delete-call-recording";
import { deleteSuppressionOpenApi, registerDeleteSuppression } from "./delete-suppression";
import { deleteWebhookEndpointOpenApi, registerDeleteWebhookEndpoint } from "./delete-webhook-endpoint";
import { getAgentOpenApi, registerGetAgent } from "./get-agent";
import { getCallOpenApi, registerGetCall } from "./get-call";
import { getCallRecordingOpenApi, registerGetCallRecording } from "./get-call-recording";
import { getUsageOpenApi, registerGetUsage } from "./get-usage";
import { getWebhookEndpointOpenApi, registerGetWebhookEndpoint } from "./get-webhook-endpoint";
import { listAgentsOpenApi, registerListAgents } from "./list-agents";
import { listApiKeysOpenApi, registerListApiKeys } from "./list-api-keys";
import { listCallAttemptsOpenApi, registerListCallAttempts } from "./list-call-attempts";
import { listCallTranscriptOpenApi, registerListCallTranscript } from "./list-call-transcript";
import { listCallsOpenApi, registerListCalls } from "./list-calls";
import { listSuppressionsOpenApi, registerListSuppressions } from "./list-suppressions";
import { listWebhookDeliveriesOpenApi, registerListWebhookDeliveries } from "./list-webhook-deliveries";
import { listWebhookEndpointsOpenApi, registerListWebhookEndpoints } from "./list-webhook-endpoints";
import { registerRetryWebhookDelivery, retryWebhookDeliveryOpenApi } from "./retry-webhook-delivery";
import { registerRevokeApiKey, revokeApiKeyOpenApi } from "./revoke-api-key";
import { registerRotateSigningSecret, rotateSigningSecretOpenApi } from "./rotate-signing-secret";
import { registerRotateWebhookEndpointSecret, rotateWebhookEndpointSecretOpenApi } from "./rotate-webhook-endpoint-secret";
import { registerUpdateAgent, updateAgentOpenApi } from "./update-agent";
import { registerUpdateCall, updateCallOpenApi } from "./update-call";
import { registerUpdateWebhookEndpoint, updateWebhookEndpointOpenApi } from "./update-webhook-endpoint";

export type RouteDeps = CreateOutboundCallDeps &
  CancelCallDeps &
  AgentDeps &
  CallRecordingDeps &
  SuppressionDeps & {
    keys: ApiKeyStore;
    minutes: CreateOutboundCallDeps["minutes"] & Pick<MinuteHolds, "usage">;
    idempotency: IdempotencyStore;
    webhooks: WebhookDestinations;
  };

/** Every public /v1 route, in one place so the OpenAPI document below cannot miss one. */
export function registerRoutes(router: Router, deps: RouteDeps): void {
  const withIdempotency = idempotent(deps.idempotency);
  router.post("/v1/calls/outbound", withIdempotency);
  router.post("/v1/calls/batch", withIdempotency);
  router.post("/v1/calls/:call_id/cancel", withIdempotency);
  registerCreateOutboundCall(router, deps);
  registerCreateCallBatch(router, deps);
  registerListCalls(router, deps);
  registerGetCall(router, deps);
  registerListCallAttempts(router, deps);
  registerListCallTranscript(router, deps);
  registerGetCallRecording(router, deps);
  registerDeleteCallRecording(router, deps);
  registerUpdateCall(router, deps);
  registerCancelCall(router, deps);
  registerCreateAgent(router, deps);
  registerListAgents(router, deps);
  registerGetAgent(router, deps);
  registerUpdateAgent(router, deps);
  registerDeleteAgent(router, deps);
  registerCreateSuppression(router, deps);
  registerListSuppressions(router, deps);
  registerDeleteSuppression(router, deps);
  registerGetUsage(router, deps);
  registerListApiKeys(router, deps);
  registerCreateApiKey(router, deps);
  registerRevokeApiKey(router, deps);
  registerCreateWebhookEndpoint(router, deps);
  registerListWebhookEndpoints(router, deps);
  registerGetWebhookEndpoint(router, deps);
  registerUpdateWebhookEndpoint(router, deps);
  registerDeleteWebhookEndpoint(router, deps);
  registerRotateWebhookEndpointSecret(router, deps);
  registerRotateSigningSecret(router, deps);
  registerListWebhookDeliveries(router, deps);
  registerRetryWebhookDelivery(router, deps);
}

export const openApiPaths: ZodOpenApiPathsObject[] = [
  createOutboundCallOpenApi,
  createCallBatchOpenApi,
  listCallsOpenApi,
  getCallOpenApi,
  listCallAttemptsOpenApi,
  listCallTranscriptOpenApi,
  getCallRecordingOpenApi,
  deleteCallRecordingOpenApi,
  updateCallOpenApi,
  cancelCallOpenApi,
  createAgentOpenApi,
  listAgentsOpenApi,
  getAgentOpenApi,
  updateAgentOpenApi,
  deleteAgentOpenApi,
  createSuppressionOpenApi,
  listSuppressionsOpenApi,
  deleteSuppressionOpenApi,
  getUsageOpenApi,
  listApiKeysOpenApi,
  createApiKeyOpenApi,
  revokeApiKeyOpenApi,
  createWebhookEndpointOpenApi,
  listWebhookEndpointsOpenApi,
  getWebhookEndpointOpenApi,
  updateWebhookEndpointOpenApi,
  deleteWebhookEndpointOpenApi,
  rotateWebhookEndpointSecretOpenApi,
  rotateSigningSecretOpenApi,
  listWebhookDeliveriesOpenApi,
  retryWebhookDeliveryOpenApi,
];
