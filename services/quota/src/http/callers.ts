import type { ServiceCaller } from "@voxbridge/kit";

/** The callers quota's internal API knows (`INTERNAL_API_TOKENS`); each route serves some of them. */
export const QUOTA_CALLERS = ["gateway", "dialer", "operator"] as const satisfies readonly ServiceCaller[];
