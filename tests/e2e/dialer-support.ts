import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type CallOut, CallOut as CallOutSchema } from "@voxbridge/contracts";
import type { ApiClient } from "../support/api-client";
import { eventually } from "../support/eventually";

/** One line of the simulator's dial log: the carrier's own record of every dial it was asked for. */
export type SimulatedDial = { call_id: string; attempt: number; at: number; max_talk_seconds: number | null; system_prompt: string };

/** A fresh dial log file for a test stack (SIM_DIAL_LOG). */
export function dialLog() {
  const dir = mkdtempSync(path.join(tmpdir(), "dialer-test-"));
  const file = path.join(dir, "dials.jsonl");
  const read = (): SimulatedDial[] => {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as SimulatedDial);
  };
  return {
    file,
    read,
    dialsOf: (callId: string) => read().filter((d) => d.call_id === callId),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Creates a call as a partner would: a 503 (a backing store briefly unavailable) is retried. */
export async function createCall(api: ApiClient, body: Record<string, unknown>): Promise<CallOut> {
  for (let attempt = 1; ; attempt++) {
    const response = await api.post("/v1/calls/outbound", body);
    if (response.status === 201) return CallOutSchema.parse(response.body);
    if (response.status !== 503 || attempt >= 5) throw new Error(`create call: ${response.status} ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}

export async function getCall(api: ApiClient, id: string): Promise<CallOut> {
  return CallOutSchema.parse((await api.get(`/v1/calls/${id}`)).body);
}

const FINAL = new Set(["completed", "failed", "canceled"]);

/** Waits until the gateway's record of the call is final (projected from the dialer's events). */
export function finalCall(api: ApiClient, id: string, timeoutMs = 20_000): Promise<CallOut> {
  return eventually(
    `call ${id} to end`,
    async () => {
      const response = await api.get(`/v1/calls/${id}`);
      // A 503 while a shared server is saturated is not the answer; ask again.
      if (response.status !== 200) return null;
      const call = CallOutSchema.parse(response.body);
      return FINAL.has(call.status) ? call : null;
    },
    timeoutMs,
  );
}

/** Waits until the call's record carries its conversation (the gateway projected its call.analyzed). */
export function analyzedCall(api: ApiClient, id: string): Promise<CallOut> {
  return eventually(
    "the record analyzed",
    async () => {
      const current = await getCall(api, id);
      return current.transcript === null ? null : current;
    },
    30_000,
  );
}

/** The dialer's count of claim passes, from its metrics (`dialer_claim_passes_total`). */
async function claimPasses(managementUrl: string): Promise<number> {
  const text = await (await fetch(`${managementUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => /^\w*dialer_claim_passes_total(\{[^}]*\})? /.test(l));
  return Number(line?.split(" ").pop() ?? Number.NaN);
}

/**
 * Proof that the dialer looked for due calls after `at`: waits until `at` has passed, then for two
 * more claim passes (the second of them began after the first ended, so after `at`). A test that
 * something was NOT dialed asserts after this, never after a sleep.
 */
export async function claimPassesAfter(managementUrl: string, at: Date): Promise<void> {
  await eventually("the due time", async () => Date.now() > at.getTime(), 60_000);
  const before = await claimPasses(managementUrl);
  if (!Number.isFinite(before)) throw new Error("the dialer exposes no dialer_claim_passes_total");
  await eventually("two claim passes after the due time", async () => (await claimPasses(managementUrl)) >= before + 2, 20_000);
}
