import { requireServiceCredential } from "@voxbridge/kit";
import { Router } from "express";
import type { CallStore, RecordingStore } from "../app/ports";
import { registerDeleteRecording } from "./routes/delete-recording";
import { registerGetRecording } from "./routes/get-recording";

/** The voice service's internal API (recordings), for callers with a service credential only: the gateway. */
export function internalApi(
  deps: { calls: CallStore; recordings: RecordingStore; urlTtlSeconds: number },
  callers: Record<string, string>,
): Router {
  const router = Router();
  router.use("/internal", requireServiceCredential(callers));
  registerGetRecording(router, deps);
  registerDeleteRecording(router, deps);
  return router;
}
