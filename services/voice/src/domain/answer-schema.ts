import { LARGEST_SPOKEN_INTEGER } from "@voxbridge/speech/number-words";

/** An agent's `answer_schema`: JSON Schema `type: object` whose properties say what to find out. */
export type AnswerSchema = {
  type: "object";
  properties?: Record<string, AnswerProperty>;
  required?: string[];
};
export type AnswerProperty = {
  type: "string" | "boolean" | "integer" | "number";
  description?: string;
  enum?: (string | number | boolean)[];
  minimum?: number;
  maximum?: number;
};

/** One thing the local engine asks for, with what it may hear back. */
export type Question =
  | { property: string; description: string; kind: "choice"; choices: string[] }
  | { property: string; description: string; kind: "yes_no" }
  | { property: string; description: string; kind: "integer"; minimum: number; maximum: number };

/**
 * The questions the local engine can ask, in the schema's order (required ones first). A free-text
 * string without `enum` is not asked: a grammar-constrained recognizer cannot take dictation, and
 * guessing would put words the callee never said into the answers.
 */
export function questionsOf(schema: AnswerSchema | null | undefined): Question[] {
  const properties = Object.entries(schema?.properties ?? {});
  const required = new Set(schema?.required ?? []);
  const ordered = [...properties.filter(([name]) => required.has(name)), ...properties.filter(([name]) => !required.has(name))];
  const questions: Question[] = [];
  for (const [property, spec] of ordered) {
    const description = (spec.description ?? property.replaceAll("_", " ")).trim();
    if (spec.type === "boolean") questions.push({ property, description, kind: "yes_no" });
    else if (spec.enum && spec.enum.length > 0) questions.push({ property, description, kind: "choice", choices: spec.enum.map(String) });
    else if (spec.type === "integer" || spec.type === "number") {
      const minimum = Math.max(0, Math.ceil(spec.minimum ?? 0));
      const maximum = Math.min(LARGEST_SPOKEN_INTEGER, Math.floor(spec.maximum ?? LARGEST_SPOKEN_INTEGER));
      if (minimum <= maximum) questions.push({ property, description, kind: "integer", minimum, maximum });
    }
  }
  return questions;
}

/** The value stored in the answers for what was heard, typed as the schema says. */
export function answerValue(
  schema: AnswerSchema | null | undefined,
  question: Question,
  heard: string | number | boolean,
): string | number | boolean {
  const spec = schema?.properties?.[question.property];
  if (question.kind === "choice" && spec?.enum) return spec.enum.find((value) => String(value) === heard) ?? heard;
  return heard;
}
