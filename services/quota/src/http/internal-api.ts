import { jsonBody, requireServiceCredential } from "@voxbridge/kit";
import { Router } from "express";
import type { MinuteHolds } from "../app/minute-holds";
import { registerGetAllowance } from "./routes/get-allowance";
import { registerGetUsage } from "./routes/get-usage";
import { registerHoldMinutes } from "./routes/hold-minutes";
import { registerReleaseMinutes } from "./routes/release-minutes";
import { registerSetMinuteLimit } from "./routes/set-minute-limit";

/**
 * Quota's internal API (holds, releases, usage, allowances, limits), for callers with a service
 * credential only: the gateway, the dialer and the operator CLI's limit changes.
 */
export function internalApi(holds: MinuteHolds, callers: Record<string, string>): Router {
  const router = Router();
  // The credential is checked before the body is read.
  router.use("/internal", requireServiceCredential(callers), ...jsonBody());
  registerHoldMinutes(router, holds);
  registerReleaseMinutes(router, holds);
  registerGetUsage(router, holds);
  registerGetAllowance(router, holds);
  registerSetMinuteLimit(router, holds);
  return router;
}
