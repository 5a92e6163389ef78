import { normalizePhoneNumber } from "./phone-number";

/** A problem with one field of a request, in the error envelope's `details` shape. */
export type FieldProblem = { param: string | null; message: string };

/**
 * A call's numbers: `to` must be a possible phone number, `from` too when given, and `from` is
 * required once live telephony is enabled. Each is read only when the schema found nothing wrong with
 * it already (`unread`), so no field is named twice. Every problem is returned, never just the first.
 */
export function checkCallNumbers(
  input: { to: unknown; from: unknown },
  options: { liveTelephony: boolean; unread: ReadonlySet<string> },
): { to: string | null; from: string | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const read = (field: "to" | "from") => {
    const value = input[field];
    if (options.unread.has(field) || typeof value !== "string") return null;
    const normalized = normalizePhoneNumber(value);
    if (!normalized) problems.push({ param: field, message: "not a possible phone number" });
    return normalized;
  };
  const to = read("to");
  const from = input.from === undefined || input.from === null ? null : read("from");
  if (options.liveTelephony && (input.from === undefined || input.from === null))
    problems.push({ param: "from", message: "required once live telephony is enabled" });
  return { to, from, problems };
}
