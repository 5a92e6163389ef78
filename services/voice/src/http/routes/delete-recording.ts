import { servesCallers } from "@voxbridge/kit";
import type { Router } from "express";
import { z } from "zod";
import type { CallStore, RecordingStore } from "../../app/ports";

const deleteRecordingSchemas = { params: z.object({ call_id: z.uuid() }) };

/** DELETE /internal/calls/{call_id}/recording: deletes the call's recordings early; 204, also when there were none. */
/** Only the gateway deletes, on a partner's request. */
const deleteRecordingCallers = servesCallers("gateway");

export function registerDeleteRecording(router: Router, deps: { calls: CallStore; recordings: RecordingStore }): void {
  router.delete("/internal/calls/:call_id/recording", deleteRecordingCallers, async (req, res) => {
    const { call_id: callId } = deleteRecordingSchemas.params.parse(req.params);
    for (const key of await deps.calls.forgetRecording(callId)) await deps.recordings.delete(key);
    res.status(204).end();
  });
}
