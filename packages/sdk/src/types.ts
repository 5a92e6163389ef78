import type { components, operations } from "./generated/openapi";

// Names for the generated schemas the client takes and returns, so signatures and editor hovers
// read `Promise<Call>` rather than the expanded object type.
type Schemas = components["schemas"];
type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]["parameters"]["query"]>;

export type Call = Schemas["CallOutOutput"];
export type CallList = Schemas["CallList"];
export type CreateCallRequest = Schemas["CreateOutboundCallRequest"];
export type UpdateCallRequest = Schemas["UpdateCallRequest"];
export type CreateCallBatchRequest = Schemas["CreateCallBatchRequest"];
export type CallBatchResponse = Schemas["CallBatchResponse"];
export type ListCallsQuery = QueryOf<"listCalls">;
export type Attempt = Schemas["Attempt"];
export type AttemptList = Schemas["AttemptList"];
export type ListAttemptsQuery = QueryOf<"listCallAttempts">;
export type TranscriptTurn = Schemas["TranscriptTurn"];
export type TranscriptTurnList = Schemas["TranscriptTurnList"];
export type ListTranscriptQuery = QueryOf<"listCallTranscript">;
/** A call's recording as `calls.recording` resolves it: the WAV's bytes and their media type. */
export type Recording = { contentType: string; audio: Uint8Array };
export type AnswerSchema = Schemas["AnswerSchema"];
export type SimulatedCallee = Schemas["SimulatedCallee"];

export type Agent = Schemas["Agent"];
export type AgentList = Schemas["AgentList"];
export type CreateAgentRequest = Schemas["CreateAgentRequest"];
export type UpdateAgentRequest = Schemas["UpdateAgentRequest"];
export type ListAgentsQuery = QueryOf<"listAgents">;

export type Suppression = Schemas["Suppression"];
export type SuppressionList = Schemas["SuppressionList"];
export type CreateSuppressionRequest = Schemas["CreateSuppressionRequest"];
export type ListSuppressionsQuery = QueryOf<"listSuppressions">;

export type Usage = Schemas["Usage"];

export type ApiKey = Schemas["ApiKey"];
export type ApiKeyList = Schemas["ApiKeyList"];
export type CreatedApiKey = Schemas["CreatedApiKey"];
export type CreateApiKeyRequest = Schemas["CreateApiKeyRequest"];
export type ListApiKeysQuery = QueryOf<"listApiKeys">;

export type WebhookEndpoint = Schemas["WebhookEndpointOut"];
export type WebhookEndpointWithSecret = Schemas["WebhookEndpointWithSecretOut"];
export type WebhookEndpointList = Schemas["WebhookEndpointList"];
export type CreateWebhookEndpointRequest = Schemas["CreateWebhookEndpointRequest"];
export type UpdateWebhookEndpointRequest = Schemas["UpdateWebhookEndpointRequest"];
export type ListWebhookEndpointsQuery = QueryOf<"listWebhookEndpoints">;

export type WebhookDelivery = Schemas["WebhookDeliveryOut"];
export type WebhookDeliveryList = Schemas["WebhookDeliveryList"];
export type ListWebhookDeliveriesQuery = QueryOf<"listWebhookDeliveries">;

export type SigningSecret = Schemas["SigningSecretOut"];
