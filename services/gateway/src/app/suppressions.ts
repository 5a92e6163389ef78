import { type CreateSuppressionRequest, newSuppressionEvent, type SuppressionEventType, type SuppressionOut } from "@voxbridge/contracts";
import { AppError, currentTraceparent } from "@voxbridge/kit/core";
import { normalizePhoneNumber } from "../domain/phone-number";
import { GATEWAY_EVENT_SOURCE } from "./event-source";
import type { SuppressionStore } from "./ports";

export type SuppressionDeps = { suppressions: SuppressionStore; now: () => Date; newId: () => string };

const eventOf = (deps: SuppressionDeps, type: SuppressionEventType, orgId: string, at: Date) => (suppression: SuppressionOut) =>
  newSuppressionEvent(
    type,
    GATEWAY_EVENT_SOURCE,
    { org_id: orgId, suppression },
    { id: deps.newId(), time: at, traceparent: currentTraceparent() },
  );

/**
 * Puts a number on the org's suppression list (normalized like a call's `to`); a number listed
 * already answers its existing entry. The dialer learns of it from `suppression.created` and cancels
 * the org's calls to that number that wait for an attempt, including retries.
 */
export async function addSuppression(
  deps: SuppressionDeps,
  orgId: string,
  request: CreateSuppressionRequest,
): Promise<{ suppression: SuppressionOut; created: boolean }> {
  const number = normalizePhoneNumber(request.number);
  if (!number) throw new AppError("validation_failed", "number: not a possible phone number", { param: "number" });
  const now = deps.now();
  const entry = { id: deps.newId(), number, reason: request.reason ?? null, created_at: now.toISOString() };
  return deps.suppressions.add(orgId, entry, eventOf(deps, "suppression.created", orgId, now));
}

/** Takes a number off the list; calls already canceled for it stay canceled. */
export async function removeSuppression(deps: SuppressionDeps, orgId: string, id: string): Promise<void> {
  const removed = await deps.suppressions.remove(orgId, id, eventOf(deps, "suppression.deleted", orgId, deps.now()));
  if (!removed) throw new AppError("not_found", "No suppression with this id", { param: "suppression_id" });
}
