/** Where "now" comes from; injected so tests can move time (month rollover, expiry) without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export type ManualClock = Clock & {
  /** Jumps to an instant. */
  set: (at: Date | string) => void;
  /** Moves forward by `ms` milliseconds. */
  advance: (ms: number) => void;
};

/** A clock that stands still until told to move. For tests. */
export function manualClock(start: Date | string): ManualClock {
  let at = new Date(start).getTime();
  const clock = (() => new Date(at)) as ManualClock;
  clock.set = (instant) => {
    at = new Date(instant).getTime();
  };
  clock.advance = (ms) => {
    at += ms;
  };
  return clock;
}
