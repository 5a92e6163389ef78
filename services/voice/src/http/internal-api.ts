import { requireServiceCredential } from "@voxbridge/kit";
import { Router } from "express";
import type { CallStore, RecordingStore, SignalStore } from "../app/ports";
import { registerDeleteRecording } from "./routes/delete-recording";
import { registerGetRecording } from "./routes/get-recording";
import { registerPostCallSignal } from "./routes/post-call-signal";

/** The voice service's internal API, for callers with a service credential only: recordings for the gateway, live-call signals for the dialer. */
export function internalApi(
  deps: { calls: CallStore; recordings: RecordingStore; signals: SignalStore; urlTtlSeconds: number },
  callers: Record<string, string>,
): Router {
  const router = Router();
  router.use("/internal", requireServiceCredential(callers));
  registerGetRecording(router, deps);
  registerDeleteRecording(router, deps);
  registerPostCallSignal(router, deps);
  return router;
}
