/**
 * When an open hold is released by reconciliation. Unconfirmed (no lifecycle event yet shows the
 * gateway accepted the call): `unconfirmedTtlSeconds` after it was taken. Confirmed: `maxSeconds`
 * after the later of now and the call's scheduled time, pushed forward by every event of the call,
 * so only a call that has gone silent for that long loses its hold.
 */
export const holdExpiry = {
  unconfirmed(now: Date, unconfirmedTtlSeconds: number): Date {
    return new Date(now.getTime() + unconfirmedTtlSeconds * 1000);
  },
  confirmed(now: Date, scheduledAt: string | null, maxSeconds: number): Date {
    const from = Math.max(now.getTime(), scheduledAt ? new Date(scheduledAt).getTime() : 0);
    return new Date(from + maxSeconds * 1000);
  },
};
