import {
  AgentList,
  AgentOut,
  ApiKeyList,
  ApiKeyOut,
  AttemptList,
  type AttemptOut,
  CallBatchResponse,
  CallList,
  CallOut,
  CreateAgentRequest,
  CreateApiKeyRequest,
  CreateCallBatchRequest,
  CreatedApiKey,
  CreateOutboundCallRequest,
  CreateSuppressionRequest,
  CreateWebhookEndpointRequest,
  type ErrorCode,
  type ErrorEnvelope,
  newCallOut,
  SigningSecretOut,
  SuppressionList,
  SuppressionOut,
  type TranscriptTurn,
  TranscriptTurnList,
  UpdateAgentRequest,
  UpdateCallRequest,
  UpdateWebhookEndpointRequest,
  UsageOut,
  WebhookDeliveryList,
  WebhookDeliveryOut,
  WebhookEndpointList,
  WebhookEndpointOut,
  WebhookEndpointWithSecretOut,
  type WebhookEvent,
} from "@voxbridge/contracts";
import type { z } from "zod";

// The examples of the OpenAPI document: one per request body and response, each a value its schema
// accepts (openapi.test.ts parses every one). The create-call request is the published example.

/** The create-call request of the published Calls API page, as partners copy it. */
export const CREATE_CALL_EXAMPLE = {
  to: "+15551234567",
  from: "+15559876543",
  agent_id: null,
  client_name: "Jane Doe",
  context: { reference_number: "398690", product: "personal_loan" },
  metadata: { crm_id: "lead_8821" },
  schedule_at: null,
  webhook_url: "https://partner.example/hooks/voice",
  max_attempts: 3,
};

const AGENT_ID = "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b";
const CALL_ID = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
const ENDPOINT_ID = "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
const AT = "2026-06-01T14:00:01.000Z";

const call: CallOut = newCallOut({
  id: CALL_ID,
  agent_id: AGENT_ID,
  to_number: "+15551234567",
  from_number: "+15559876543",
  client_name: "Jane Doe",
  context: { reference_number: "398690", product: "personal_loan" },
  metadata: { crm_id: "lead_8821" },
  scheduled_at: AT,
  next_attempt_at: AT,
  created_at: AT,
});

const completedCall: CallOut = {
  ...call,
  status: "completed",
  disposition: "completed",
  attempt_count: 1,
  duration_seconds: 94,
  next_attempt_at: null,
  started_at: "2026-06-01T14:00:02.000Z",
  completed_at: "2026-06-01T14:01:41.000Z",
};

/** A call being dialed when its cancel was requested: what a 202 answers until the dialer ends it. */
export const CANCEL_REQUESTED_CALL_EXAMPLE: CallOut = {
  ...call,
  status: "calling",
  attempt_count: 1,
  next_attempt_at: null,
  cancel_requested_at: "2026-06-01T14:00:20.000Z",
  started_at: "2026-06-01T14:00:02.000Z",
};

const attempt: AttemptOut = {
  attempt: 1,
  started_at: "2026-06-01T14:00:02.000Z",
  answered_at: "2026-06-01T14:00:07.000Z",
  ended_at: "2026-06-01T14:01:41.000Z",
  disposition: "completed",
  duration_seconds: 94,
  error_message: null,
};

const turns: TranscriptTurn[] = [
  {
    speaker: "agent",
    text: "This call is recorded. Hi Jane Doe, this is Acme Loans about application 398690.",
    attempt: 1,
    start_ms: 420,
    end_ms: 5_180,
  },
  { speaker: "callee", text: "hello yes", attempt: 1, start_ms: 5_900, end_ms: 6_700 },
  {
    speaker: "agent",
    text: "Which day suits you for the signing: monday, tuesday or wednesday?",
    attempt: 1,
    start_ms: 7_100,
    end_ms: 10_900,
  },
  { speaker: "callee", text: "tuesday", attempt: 1, start_ms: 11_800, end_ms: 12_400 },
];

const analyzedCall: CallOut = {
  ...completedCall,
  transcript: turns.map((turn) => `${turn.speaker}: ${turn.text}`).join("\n"),
  structured_answers: { preferred_day: "tuesday" },
  recording_url: `/v1/calls/${CALL_ID}/recording`,
};

const agent: AgentOut = {
  id: AGENT_ID,
  name: "Loan follow-up",
  system_prompt: "You are calling {{client_name}} about application {{reference_number}}.",
  first_message: "Hi {{client_name}}, this is Acme Loans about application {{reference_number}}.",
  voicemail_message: "Hi {{client_name}}, this is Acme Loans. Please call us back about application {{reference_number}}.",
  answer_schema: {
    type: "object",
    properties: {
      preferred_day: { type: "string", enum: ["monday", "tuesday", "wednesday"], description: "Which day suits you for the signing" },
      has_documents: { type: "boolean", description: "Whether you have your documents ready" },
    },
    required: ["preferred_day"],
  },
  record: true,
  recording_disclosure: "This call is recorded.",
  engine: "local",
  model: null,
  voice: "alloy",
  language: "en-US",
  max_duration_seconds: 600,
  voicemail_action: "hangup",
  calling_window: { start: "09:00", end: "20:00", days: ["mon", "tue", "wed", "thu", "fri"], timezone: null },
  is_default: true,
  is_active: true,
  created_at: "2026-05-20T09:30:00.000Z",
  updated_at: "2026-05-20T09:30:00.000Z",
};

const apiKey: ApiKeyOut = {
  id: "0b8e6a4c-2d1f-4e3a-9c5b-7d6e5f4a3b2c",
  prefix: "sk_live_4f9a",
  created_at: "2026-05-20T09:00:00.000Z",
  last_used_at: AT,
  revoked_at: null,
};

const endpoint: WebhookEndpointOut = {
  id: ENDPOINT_ID,
  url: "https://partner.example/hooks/voice",
  events: ["call.completed", "call.failed"],
  description: "CRM sync",
  enabled: true,
  disabled_reason: null,
  created_at: "2026-05-20T10:00:00.000Z",
  updated_at: "2026-05-20T10:00:00.000Z",
};

// Illustrative values shaped like real secrets; they sign nothing.
const EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

const delivery: WebhookDeliveryOut = {
  id: "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716",
  webhook_id: "msg_5e4d3c2b1a094f8e8d7c6b5a49382716",
  event_id: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
  event_type: "call.completed",
  call_id: CALL_ID,
  sequence: 3,
  endpoint_id: ENDPOINT_ID,
  url: "https://partner.example/hooks/voice",
  status: "succeeded",
  attempt_count: 2,
  next_attempt_at: null,
  last_response_status: 200,
  last_error: null,
  created_at: "2026-06-01T14:01:41.000Z",
  completed_at: "2026-06-01T14:01:47.000Z",
  attempts: [
    { attempted_at: "2026-06-01T14:01:41.000Z", response_status: 503, error: null, duration_ms: 112 },
    { attempted_at: "2026-06-01T14:01:47.000Z", response_status: 200, error: null, duration_ms: 64 },
  ],
};

const suppression = {
  id: "5d0c7e4a-1f2b-4c3d-9e8f-7a6b5c4d3e2f",
  number: "+15551234567",
  reason: "asked by email to stop calling",
  created_at: AT,
};

const page = <T>(item: T) => ({ items: [item], total: 1, limit: 25, offset: 0 });

/** Every schema of a body the API takes or answers, with its example. */
export const EXAMPLES = new Map<z.ZodType, unknown>([
  [CreateOutboundCallRequest, CREATE_CALL_EXAMPLE],
  [CallOut, call],
  [CreateCallBatchRequest, { calls: [CREATE_CALL_EXAMPLE, { to: "+15551230000" }] }],
  [
    CallBatchResponse,
    {
      items: [
        { index: 0, status: 201, call },
        {
          index: 1,
          status: 422,
          error: {
            type: "number_suppressed",
            message: "to: this number is on the organization's suppression list",
            param: "to",
            request_id: "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c",
          },
        },
      ],
    },
  ],
  [UpdateCallRequest, { schedule_at: "2026-06-02T15:00:00.000Z", context: { reference_number: "398691" } }],
  [CallList, page(call)],
  [AttemptList, { items: [attempt], total: 1, limit: 25, offset: 0 }],
  [TranscriptTurnList, { items: turns, total: turns.length, limit: 25, offset: 0 }],
  [
    CreateAgentRequest,
    {
      name: agent.name,
      system_prompt: agent.system_prompt,
      first_message: agent.first_message,
      voicemail_message: agent.voicemail_message,
      answer_schema: agent.answer_schema,
      voice: "alloy",
      language: "en-US",
      calling_window: agent.calling_window,
      is_default: true,
    },
  ],
  [UpdateAgentRequest, { max_duration_seconds: 900, voice: null }],
  [AgentOut, agent],
  [AgentList, page(agent)],
  [
    UsageOut,
    {
      period_start: "2026-06-01T00:00:00.000Z",
      period_end: "2026-07-01T00:00:00.000Z",
      minutes_limit: 1000,
      minutes_used: 412,
      minutes_reserved: 30,
      minutes_remaining: 558,
    },
  ],
  [CreateApiKeyRequest, {}],
  [ApiKeyOut, { ...apiKey, revoked_at: AT }],
  [CreatedApiKey, { ...apiKey, last_used_at: null, key: "sk_live_4f9a…(shown once)" }],
  [ApiKeyList, page(apiKey)],
  [CreateWebhookEndpointRequest, { url: endpoint.url, events: endpoint.events, description: endpoint.description }],
  [UpdateWebhookEndpointRequest, { enabled: true }],
  [WebhookEndpointOut, endpoint],
  [WebhookEndpointWithSecretOut, { ...endpoint, secret: EXAMPLE_SECRET }],
  [WebhookEndpointList, page(endpoint)],
  [WebhookDeliveryOut, delivery],
  [WebhookDeliveryList, page(delivery)],
  [CreateSuppressionRequest, { number: "+15551234567", reason: "asked by email to stop calling" }],
  [SuppressionOut, suppression],
  [SuppressionList, page(suppression)],
  [SigningSecretOut, { secret: EXAMPLE_SECRET, previous_secret_expires_at: "2026-06-02T14:00:01.000Z", rotated_at: AT }],
]);

/** An example delivery body of each event type. */
export const WEBHOOK_EXAMPLES: Record<WebhookEvent["type"], WebhookEvent> = {
  "call.queued": { type: "call.queued", timestamp: AT, sequence: 1, attempt: 0, data: call },
  "call.calling": {
    type: "call.calling",
    timestamp: "2026-06-01T14:00:02.000Z",
    sequence: 2,
    attempt: 1,
    data: { ...call, status: "calling", attempt_count: 1, next_attempt_at: null, started_at: "2026-06-01T14:00:02.000Z" },
  },
  "call.updated": {
    type: "call.updated",
    timestamp: "2026-06-01T14:00:32.000Z",
    sequence: 3,
    attempt: 1,
    data: {
      ...call,
      status: "calling",
      attempt_count: 1,
      disposition: "no_answer",
      error_message: "No answer",
      next_attempt_at: "2026-06-01T14:05:32.000Z",
      started_at: "2026-06-01T14:00:02.000Z",
    },
  },
  "call.completed": { type: "call.completed", timestamp: "2026-06-01T14:01:41.000Z", sequence: 3, attempt: 1, data: completedCall },
  "call.failed": {
    type: "call.failed",
    timestamp: "2026-06-01T14:03:10.000Z",
    sequence: 7,
    attempt: 3,
    data: {
      ...call,
      status: "failed",
      disposition: "no_answer",
      attempt_count: 3,
      error_message: "No answer after 3 attempts",
      next_attempt_at: null,
      started_at: "2026-06-01T14:00:02.000Z",
      completed_at: "2026-06-01T14:03:10.000Z",
    },
  },
  "call.canceled": {
    type: "call.canceled",
    timestamp: "2026-06-01T14:00:20.400Z",
    sequence: 3,
    attempt: 1,
    data: {
      ...CANCEL_REQUESTED_CALL_EXAMPLE,
      status: "canceled",
      disposition: "canceled",
      duration_seconds: 16,
      completed_at: "2026-06-01T14:00:20.400Z",
    },
  },
  "call.analyzed": { type: "call.analyzed", timestamp: "2026-06-01T14:01:42.000Z", sequence: 4, attempt: 1, data: analyzedCall },
};

/** What each error status answers with, as an example envelope of the right type. */
const ERROR_EXAMPLES: Record<number, { type: ErrorCode; message: string; param?: string; details?: ErrorEnvelope["error"]["details"] }> = {
  400: { type: "no_default_agent", message: "No agent_id given and the organization has no default agent", param: "agent_id" },
  401: { type: "unauthenticated", message: "Invalid or revoked API key" },
  402: { type: "quota_exceeded", message: "Monthly minute limit reached" },
  404: { type: "not_found", message: "No call with this id", param: "call_id" },
  409: { type: "conflict", message: "This call has already ended completed" },
  413: { type: "payload_too_large", message: "Request body exceeds 100kb" },
  415: { type: "unsupported_media_type", message: "Request body must be application/json" },
  422: {
    type: "validation_failed",
    message: "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
    param: "max_attempts",
    details: [
      { param: "max_attempts", message: "Too big: expected number to be <=10" },
      { param: "colour", message: "unknown field" },
    ],
  },
  429: { type: "rate_limited", message: "Rate limit reached for this API key; retry after the Retry-After seconds" },
  503: { type: "dependency_unavailable", message: "Minute accounting is unavailable; try again" },
};

export function errorExample(status: number): ErrorEnvelope | undefined {
  const example = ERROR_EXAMPLES[status];
  if (!example) return undefined;
  const { type, message, param, details } = example;
  return {
    error: { type, message, param: param ?? null, ...(details ? { details } : {}), request_id: "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c" },
  };
}
