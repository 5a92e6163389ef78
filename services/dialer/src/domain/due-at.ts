import type { CallOut } from "@voxbridge/contracts";

/** When a queued call's first attempt is due: its schedule, or its creation when it has none. */
export const dueAtOf = (call: Pick<CallOut, "scheduled_at" | "created_at">): Date => new Date(call.scheduled_at ?? call.created_at);
