import { pipeline } from "node:stream/promises";
import type { Router } from "express";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { type CallRecordingDeps, getCallRecording } from "../../app/call-recording";
import { principalOf } from "../authenticate";
import { errorResponses } from "../openapi";
import { idParam, pathId } from "./shared";

export const getCallRecordingOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}/recording": {
    get: {
      operationId: "getCallRecording",
      summary: "Download a call's recording",
      description:
        "The call's audio as a WAV file: two channels on one wall-clock timeline, the callee on the left and the agent on the right, silences kept. The answer is the audio itself (`200 audio/wav`) or a `302` to a short-lived signed URL of the object store that holds it; follow redirects. `recording_url` on the call shows this path once a recording is stored. 404 for another organization's call, a call without a recording (not recorded, nobody answered, not stored yet) and one whose recording was deleted.",
      requestParams: { path: idParam("call_id") },
      responses: {
        "200": {
          description: "The recording",
          content: {
            "audio/wav": {
              schema: z.string().meta({ format: "binary", description: "A two-channel WAV (callee left, agent right)" }),
              example: "RIFF…WAVEfmt … (binary: 2 channels, callee left, agent right)",
            },
          },
        },
        "302": { description: "Redirect to a short-lived signed URL of the recording" },
        ...errorResponses(404),
      },
    },
  },
};

/** GET /v1/calls/{call_id}/recording: streamed from the voice service, or its signed URL passed on. */
export function registerGetCallRecording(router: Router, deps: CallRecordingDeps): void {
  router.get("/v1/calls/:call_id/recording", async (req, res) => {
    const callId = pathId(req.params, "call_id", "call");
    const recording = await getCallRecording(deps, principalOf(res).orgId, callId);
    if (recording.kind === "redirect") {
      res.redirect(302, recording.location);
      return;
    }
    res.status(200).type(recording.contentType);
    if (recording.contentLength !== null) res.setHeader("content-length", String(recording.contentLength));
    res.setHeader("content-disposition", `attachment; filename="${callId}.wav"`);
    res.setHeader("cache-control", "private, no-store");
    // A partner that hangs up mid-download ends the stream; nothing to answer then.
    await pipeline(recording.body, res).catch(() => res.destroy());
  });
}
