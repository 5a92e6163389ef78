import { setTimeout as sleep } from "node:timers/promises";
import { type Pacing, sendDelayMs } from "../domain/pacing";

/**
 * The account's calls-per-second limit once more, as each dial leaves this instance
 * (`domain/pacing.ts`, `sendDelayMs`): dials take their turn in the order they ask, and each waits
 * until no pacing window holds more than CPS of this instance's dials. Claims made in pace pass at
 * once; claims bunched by a busy host between claim and dial are spread again, so the carrier never
 * sees more than its limit from one instance. Written here rather than taken from a rate-limiting
 * library because it must be the claim's own window rule (CPS per 1.1 s, fractional CPS rounded
 * down), not a second, different one.
 */
export function createSendPacer(
  pacing: Pacing,
  clock: { now: () => number; sleep: (ms: number) => Promise<unknown> } = { now: () => performance.now(), sleep },
): () => Promise<void> {
  const sent: number[] = [];
  let turns: Promise<void> = Promise.resolve();
  return () => {
    const turn = turns.then(async () => {
      for (let wait = sendDelayMs(sent, pacing, clock.now()); wait > 0; wait = sendDelayMs(sent, pacing, clock.now()))
        await clock.sleep(wait);
      sent.push(clock.now());
      if (sent.length > Math.floor(pacing.cps)) sent.shift();
    });
    turns = turn;
    return turn;
  };
}
