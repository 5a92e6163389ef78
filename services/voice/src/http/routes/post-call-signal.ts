import { VoiceSignalIn } from "@voxbridge/contracts";
import { jsonBody, servesCallers } from "@voxbridge/kit";
import type { Router } from "express";
import { z } from "zod";
import type { SignalStore } from "../../app/ports";

const postCallSignalSchemas = {
  params: z.object({ call_id: z.uuid(), attempt: z.coerce.number().int().min(1) }),
  body: VoiceSignalIn,
};

/**
 * POST /internal/calls/{call_id}/attempts/{attempt}/signals: a signal for the attempt's live
 * conversation (`machine`: leave the voicemail message; `cancel`: a short closing line, then hang
 * up). Stored and announced to every instance; the one holding the stream acts on it, or the stream
 * when it starts. 202.
 */
/** Only the dialer sends signals: it hears the carrier's machine verdict and carries out cancels. */
const postCallSignalCallers = servesCallers("dialer");

export function registerPostCallSignal(router: Router, deps: { signals: SignalStore }): void {
  router.post("/internal/calls/:call_id/attempts/:attempt/signals", postCallSignalCallers, ...jsonBody("4kb"), async (req, res) => {
    const { call_id: callId, attempt } = postCallSignalSchemas.params.parse(req.params);
    const { signal } = postCallSignalSchemas.body.parse(req.body);
    await deps.signals.add(callId, attempt, signal);
    res.status(202).json({ call_id: callId, attempt, signal });
  });
}
