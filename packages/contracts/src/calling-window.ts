import { z } from "zod";

/** Days of the week, Monday first (ISO 8601 order: index + 1 is Luxon's and ISO's weekday number). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day, HH:MM on a 24-hour clock");

/** True for a time zone name this runtime knows (IANA names such as America/New_York, and UTC). */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * When attempts may start, in local time: from `start` to `end` on each of `days` (an `end` before
 * `start` closes the next day, e.g. 20:00–02:00). `timezone` null: the callee's zone, derived from
 * the number; a number spanning several zones gets the hours open in all of them.
 */
export const CallingWindow = z
  .object({
    start: timeOfDay.describe("Local time the window opens, HH:MM"),
    end: timeOfDay.describe("Local time it closes, HH:MM; earlier than start: it closes the next day"),
    days: z
      .array(Weekday)
      .min(1, "at least one day: a window with no days never opens")
      .max(7)
      .refine((days) => new Set(days).size === days.length, "each day once")
      .describe("Days the window opens on"),
    timezone: z
      .string()
      .max(64)
      .refine(isKnownTimeZone, "an IANA time zone name, e.g. America/New_York")
      .nullable()
      .default(null)
      .describe("IANA time zone of the hours; null: the callee's, from the number"),
  })
  .strict()
  .refine((window) => window.start !== window.end, { message: "start and end are the same time: the window never opens", path: ["end"] })
  .meta({ id: "CallingWindow" });
export type CallingWindow = z.infer<typeof CallingWindow>;

/** A window with its time zones settled (the call's, or every zone of the callee's number): what the dialer applies. */
export const ResolvedCallingWindow = z.object({
  // Read as sent, not refused at decode: a day or time the dialer cannot read must fail the call
  // (closed, with its reason), not dead-letter its event (windowProblem in window-schedule.ts).
  start: z.string(),
  end: z.string(),
  days: z.array(z.string()),
  time_zones: z.array(z.string()),
});
export type ResolvedCallingWindow = z.infer<typeof ResolvedCallingWindow>;
