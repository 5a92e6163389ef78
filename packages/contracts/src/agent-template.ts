/** Placeholders look like `{{name}}` or `{{ name }}`; names are letters, digits, `_`, `-` and `.` paths. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** What fills an agent's templates for one call: the call's `client_name` and its `context`. */
export type TemplateValues = { client_name: string | null; context: Record<string, unknown> | null };

/**
 * Fills one of an agent's templates (system prompt, first message, voicemail message) for a call.
 * `{{client_name}}` is the call's `client_name` (its `context.client_name` when the call has none);
 * any other name reads the call's `context`, a dotted name reading nested objects
 * (`{{customer.name}}`). Strings go in as they are, other values as JSON. A placeholder with no value
 * becomes empty text (a literal `{{x}}` would only confuse the voice agent) and is reported in
 * `missing`, so the caller can log it.
 */
export function renderAgentTemplate(template: string, values: TemplateValues): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = name === "client_name" && values.client_name !== null ? values.client_name : lookup(values.context, name);
    if (value === undefined || value === null) {
      missing.push(name);
      return "";
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  });
  return { text, missing };
}

function lookup(context: Record<string, unknown> | null, name: string): unknown {
  if (context === null) return undefined;
  if (Object.hasOwn(context, name)) return context[name];
  let value: unknown = context;
  for (const part of name.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
