/** Redis-side minute counters for one org and period: check-and-hold is atomic. */
export interface MinuteCounters {
  /** "granted" | "refused", or "cold" when the period's counters are not in Redis (rebuild first). */
  hold(orgId: string, period: string, callId: string, minutes: number): Promise<"granted" | "refused" | "cold">;
  release(orgId: string, period: string, callId: string): Promise<void>;
  read(orgId: string, period: string): Promise<PeriodCounters | null>;
  /** Loads counters rebuilt from the ledger unless another instance loaded them first. */
  load(orgId: string, period: string, counters: PeriodCounters, holds: Map<string, number>): Promise<void>;
}

export type PeriodCounters = { limit: number; used: number; held: number };

/** The durable ledger in Postgres: the truth Redis is rebuilt from. */
export interface MinuteLedger {
  recordHold(hold: { orgId: string; callId: string; period: string; minutes: number }): Promise<void>;
  /** Closes a held hold; returns its org and period when it was open. */
  releaseHold(callId: string): Promise<{ orgId: string; period: string } | null>;
  /** Limit, settled minutes and open holds of one period. */
  snapshot(orgId: string, period: string): Promise<{ counters: PeriodCounters; holds: Map<string, number> }>;
}
