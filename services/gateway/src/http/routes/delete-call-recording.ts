import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type CallRecordingDeps, deleteCallRecording } from "../../app/call-recording";
import { principalOf } from "../authenticate";
import { errorResponses } from "../openapi";
import { idParam, pathId } from "./shared";

export const deleteCallRecordingOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}/recording": {
    delete: {
      operationId: "deleteCallRecording",
      summary: "Delete a call's recording now",
      description:
        "Deletes the call's audio before its retention ends. The call's `recording_url` becomes null and stays so; the transcript and answers are kept. 404 when the call has no recording (or it was deleted already).",
      requestParams: { path: idParam("call_id") },
      responses: { "204": { description: "Deleted" }, ...errorResponses(404) },
    },
  },
};

/** DELETE /v1/calls/{call_id}/recording. */
export function registerDeleteCallRecording(router: Router, deps: CallRecordingDeps): void {
  router.delete("/v1/calls/:call_id/recording", async (req, res) => {
    await deleteCallRecording(deps, principalOf(res).orgId, pathId(req.params, "call_id", "call"));
    res.status(204).end();
  });
}
