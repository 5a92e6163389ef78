import type { ServiceCaller } from "@voxbridge/kit";

/** The callers the webhook service's internal API knows (`INTERNAL_API_TOKENS`); each route serves some of them. */
export const WEBHOOKS_CALLERS = ["gateway", "operator"] as const satisfies readonly ServiceCaller[];
