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
 * credential only, each route for the callers it lists: the gateway holds, releases and reads usage,
 * the dialer reads allowances, and only an operator changes a limit.
 */
export function internalApi(holds: MinuteHolds, callers: Record<string, string>): Router {
  const router = Router();
  // The credential, then the route's list of callers, are checked before the body is read.
  router.use("/internal", requireServiceCredential(callers));
  const body = jsonBody();
  registerHoldMinutes(router, holds, body);
  registerReleaseMinutes(router, holds, body);
  registerGetUsage(router, holds, body);
  registerGetAllowance(router, holds, body);
  registerSetMinuteLimit(router, holds, body);
  return router;
}
