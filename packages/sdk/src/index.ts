export { createVoxBridge, type IdempotentOptions, type VoxBridge, type VoxBridgeOptions } from "./client";
export { type ErrorEnvelope, type ErrorType, VoxBridgeError } from "./errors";
export type { components, operations, paths } from "./generated/openapi";
export { VoxBridgeConnectionError } from "./retry";
export type * from "./types";
export { verifyWebhook, type WebhookEvent, type WebhookHeaders, WebhookVerificationError } from "./webhooks";
