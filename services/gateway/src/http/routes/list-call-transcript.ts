import { ListTranscriptQuery, TranscriptTurnList } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit";
import type { Router } from "express";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import type { TranscriptStore } from "../../app/ports";
import { principalOf } from "../authenticate";
import { errorResponses, json } from "../openapi";
import { idParam, pathId } from "./shared";

export const listCallTranscriptOpenApi: ZodOpenApiPathsObject = {
  "/v1/calls/{call_id}/transcript": {
    get: {
      operationId: "listCallTranscript",
      summary: "List a call's conversation, turn by turn",
      description:
        "The turns of every attempt that had a conversation, in conversation order (by attempt, then by when each turn started): who spoke (`agent` or `callee`), what was said, and when, in milliseconds from the start of that attempt's media. The agent's turns hold only what was actually played (an interrupted sentence is cut where the callee barged in). Filled once the call ended and its `call.analyzed` arrived; empty before, and for a call nobody talked on. Kept for the deployment's transcript retention (90 days by default).",
      requestParams: { path: idParam("call_id"), query: ListTranscriptQuery },
      responses: { "200": { description: "A page of turns", ...json(TranscriptTurnList) }, ...errorResponses(404, 422) },
    },
  },
};

/** GET /v1/calls/{call_id}/transcript?limit=&offset=. */
export function registerListCallTranscript(router: Router, deps: { transcripts: TranscriptStore }): void {
  router.get("/v1/calls/:call_id/transcript", async (req, res) => {
    const callId = pathId(req.params, "call_id", "call");
    const query = ListTranscriptQuery.parse(req.query);
    const page = await deps.transcripts.listTurns(principalOf(res).orgId, callId, query);
    if (!page) throw new AppError("not_found", "No call with this id", { param: "call_id" });
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });
}
