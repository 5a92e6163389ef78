import type { ServiceCaller } from "@voxbridge/kit";

/** The callers the voice service's internal API knows (`INTERNAL_API_TOKENS`); each route serves some of them. */
export const VOICE_CALLERS = ["gateway", "dialer", "operator"] as const satisfies readonly ServiceCaller[];
