import { z } from "zod";
import { WebhookEventType } from "./events";
import { PageQuery, pageOf } from "./pagination";
import { fieldWithDefault, optionalField } from "./request-fields";

const isoDateTime = z.iso.datetime({ offset: true });

/** A partner's webhook URL: http(s) only (the SSRF and credential checks run in the webhook service). */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, error: "must be an http or https URL" })
  .max(2048)
  .describe("Where events are POSTed; http or https only, no credentials, public addresses only");

export const CreateWebhookEndpointRequest = z
  .object({
    url: WebhookUrl,
    events: optionalField(
      z.array(WebhookEventType).min(1).max(WebhookEventType.options.length).describe("Event types to deliver; omitted or null: all"),
    ),
    description: optionalField(z.string().max(500)),
    enabled: fieldWithDefault(z.boolean(), true),
  })
  .strict()
  .meta({ id: "CreateWebhookEndpointRequest" });
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequest>;

export const UpdateWebhookEndpointRequest = z
  .object({
    url: optionalField(WebhookUrl),
    events: z
      .array(WebhookEventType)
      .min(1)
      .max(WebhookEventType.options.length)
      .nullable()
      .optional()
      .describe("null: deliver every event type"),
    description: z.string().max(500).nullable().optional().describe("null clears it"),
    enabled: optionalField(z.boolean()),
  })
  .strict()
  .meta({ id: "UpdateWebhookEndpointRequest" });
export type UpdateWebhookEndpointRequest = z.infer<typeof UpdateWebhookEndpointRequest>;

/** An org webhook endpoint as partners see it; the secret is shown only at creation and rotation. */
export const WebhookEndpointOut = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(WebhookEventType).nullable(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable().describe("Why the service disabled it (410 Gone, failing for 5 days)"),
    created_at: isoDateTime,
    updated_at: isoDateTime,
  })
  .meta({ id: "WebhookEndpointOut" });
export type WebhookEndpointOut = z.infer<typeof WebhookEndpointOut>;

export const WebhookEndpointWithSecretOut = WebhookEndpointOut.extend({
  secret: z.string().startsWith("whsec_").describe("Standard Webhooks signing secret; shown only here"),
}).meta({ id: "WebhookEndpointWithSecretOut" });
export type WebhookEndpointWithSecretOut = z.infer<typeof WebhookEndpointWithSecretOut>;

/** The answer of POST /v1/signing-secret/rotate: the new org signing secret, shown only here. */
export const SigningSecretOut = z
  .object({
    secret: z.string().describe("The new `whsec_` secret; it signs every delivery to a per-call `webhook_url` from now on"),
    previous_secret_expires_at: isoDateTime
      .nullable()
      .describe("Until then the replaced secret signs too (a second signature in `webhook-signature`); null if there was none"),
    rotated_at: isoDateTime,
  })
  .meta({ id: "SigningSecretOut" });
export type SigningSecretOut = z.infer<typeof SigningSecretOut>;

export const WebhookEndpointList = pageOf(WebhookEndpointOut, "WebhookEndpointList");
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

export const WebhookDeliveryStatus = z.enum(["pending", "succeeded", "failed"]);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** One HTTP attempt of a delivery. */
export const WebhookAttemptOut = z
  .object({
    attempted_at: isoDateTime,
    response_status: z.number().int().nullable().describe("HTTP status, null when no response arrived"),
    error: z.string().nullable(),
    duration_ms: z.number().int().min(0),
  })
  .meta({ id: "WebhookAttemptOut" });
export type WebhookAttemptOut = z.infer<typeof WebhookAttemptOut>;

/** One event to one destination: its state and every attempt. */
export const WebhookDeliveryOut = z
  .object({
    id: z.uuid(),
    webhook_id: z.string().describe("The webhook-id header: the same on every attempt"),
    event_id: z.uuid(),
    event_type: WebhookEventType,
    call_id: z.uuid(),
    sequence: z.number().int().min(1).describe("Per-call order of the event"),
    endpoint_id: z.uuid().nullable().describe("Null for the call's own webhook_url"),
    url: z.string(),
    status: WebhookDeliveryStatus,
    attempt_count: z.number().int().min(0),
    next_attempt_at: isoDateTime.nullable(),
    last_response_status: z.number().int().nullable(),
    last_error: z.string().nullable(),
    created_at: isoDateTime,
    completed_at: isoDateTime.nullable(),
    attempts: z.array(WebhookAttemptOut),
  })
  .meta({ id: "WebhookDeliveryOut" });
export type WebhookDeliveryOut = z.infer<typeof WebhookDeliveryOut>;

/** Query of GET /v1/webhook-endpoints. */
export const ListWebhookEndpointsQuery = z.object({ ...PageQuery }).strict();
export type ListWebhookEndpointsQuery = z.infer<typeof ListWebhookEndpointsQuery>;

/** Query of GET /v1/webhook-deliveries. */
export const ListWebhookDeliveriesQuery = z
  .object({
    call_id: z.uuid().optional(),
    status: WebhookDeliveryStatus.optional(),
    ...PageQuery,
  })
  .strict();
export type ListWebhookDeliveriesQuery = z.infer<typeof ListWebhookDeliveriesQuery>;

export const WebhookDeliveryList = pageOf(WebhookDeliveryOut, "WebhookDeliveryList");
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;
