/** Placeholders look like `{{name}}` or `{{ name }}`; names are letters, digits, `_`, `-` and `.` paths. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/**
 * Fills an agent's system prompt with a call's context. A dotted name reads nested objects
 * (`{{customer.name}}`); strings go in as they are, other values as JSON. A placeholder with no
 * value becomes empty text (a literal `{{x}}` would only confuse the voice agent) and is reported
 * in `missing` so the dialer can log it.
 */
export function renderSystemPrompt(template: string, context: Record<string, unknown> | null): { prompt: string; missing: string[] } {
  const missing: string[] = [];
  const prompt = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = lookup(context, name);
    if (value === undefined || value === null) {
      missing.push(name);
      return "";
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  });
  return { prompt, missing };
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
