import { AppError, servesCallers } from "@voxbridge/kit";
import type { Router } from "express";
import { z } from "zod";
import type { CallStore, RecordingStore } from "../../app/ports";

const getRecordingSchemas = {
  params: z.object({ call_id: z.uuid() }),
  query: z.object({ redirect: z.enum(["true", "false"]).optional() }),
};

/**
 * GET /internal/calls/{call_id}/recording: the call's latest recording as `audio/wav` (two channels:
 * callee left, agent right), or with `?redirect=true` a 302 to a short-lived signed object-store URL;
 * 404 when none is stored. 503 while the object store is unreachable.
 */
/** The gateway serves a partner's recording; an operator may fetch one too. */
const getRecordingCallers = servesCallers("gateway", "operator");

export function registerGetRecording(router: Router, deps: { calls: CallStore; recordings: RecordingStore; urlTtlSeconds: number }): void {
  router.get("/internal/calls/:call_id/recording", getRecordingCallers, async (req, res) => {
    const { call_id: callId } = getRecordingSchemas.params.parse(req.params);
    const { redirect } = getRecordingSchemas.query.parse(req.query);
    const stored = await deps.calls.recordingOf(callId);
    if (stored === null) throw new AppError("not_found", "This call has no recording");
    if (redirect === "true") {
      res.redirect(302, await deps.recordings.signedUrl(stored.key, deps.urlTtlSeconds));
      return;
    }
    const wav = await deps.recordings.get(stored.key).catch((error: unknown) => {
      throw new AppError("dependency_unavailable", "The recording store is unavailable", { cause: error });
    });
    if (wav === null) throw new AppError("not_found", "This call has no recording");
    res.type("audio/wav").set("Cache-Control", "private, no-store").send(wav);
  });
}
