import { parsePhoneNumberFromString } from "libphonenumber-js";

/** Only the characters people write numbers with; letters are refused rather than read as vanity digits. */
const PHONE_CHARACTERS = /^\+?[0-9\s().-]+$/;

/**
 * Normalizes a dialable number to E.164, reading national numbers as US. Accepts numbers that are
 * *possible* by length, not only assigned ranges (the 555 numbers of the contract's examples).
 * Returns null when the input is not a possible phone number.
 */
export function normalizePhoneNumber(input: string): string | null {
  const trimmed = input.trim();
  if (!PHONE_CHARACTERS.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, "US");
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}
