import type { VoiceSignal } from "@voxbridge/contracts";
import type { CarrierEnd, ConversationReport } from "../domain/conversation-end";

/*
 * The ports of an answered call's conversation, held by the voice service: its report combined with
 * the carrier's end (`domain/conversation-end.ts`), and the signals the dialer sends to it.
 */

/** An answered attempt's two reports, the carrier's end and the voice service's, combined into its end (`domain/conversation-end.ts`). */
export interface ConversationStore {
  /**
   * Under the job's row lock: `report` when the attempt's conversation report already arrived; else,
   * when `waits` says so, stores the carrier's end to wait `waitSeconds` for it (`waiting`); else
   * `final` (end the attempt now; also for an attempt that is no longer live).
   */
  holdCarrierEnd(
    callId: string,
    attempt: number,
    end: CarrierEnd,
    waitSeconds: number,
    waits: (job: { hasConversation: boolean }) => boolean,
  ): Promise<{ kind: "report"; report: ConversationReport } | { kind: "waiting" } | { kind: "final" }>;
  /** Stores the voice service's report (the first one counts); returns the live attempt's carrier end that waited for it. */
  recordReport(callId: string, attempt: number, report: ConversationReport): Promise<CarrierEnd | null>;
  /** Carrier ends that waited past their time, each handed to one instance (again after a lease, until settled). */
  takeOverdue(limit: number): Promise<{ callId: string; attempt: number; end: CarrierEnd }[]>;
  /** The attempt ended: its carrier end no longer waits. */
  settle(callId: string, attempt: number): Promise<void>;
}

/** The voice service's live conversations: a signal reaches the instance holding the attempt's media stream. */
export interface VoiceControls {
  signal(callId: string, attempt: number, signal: VoiceSignal): Promise<void>;
}
