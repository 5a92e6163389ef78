import type { AnswerSchema, AnswerValue } from "@voxbridge/contracts";
import { Ajv, type ErrorObject } from "ajv";

/** One problem, with the dotted path of the field to blame (under the request's own field name). */
export type Problem = { param: string; message: string };

// Strict mode: an unknown keyword or a contradiction is an error at compile time, not silently ignored.
const ajv = new Ajv({ strict: true, allErrors: true });

const dotted = (base: string, instancePath: string) =>
  [
    base,
    ...instancePath
      .split("/")
      .filter(Boolean)
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")),
  ].join(".");

/**
 * An answer schema that passed the contract's check of the supported subset must also compile as a
 * JSON Schema (ajv, strict), since `structured_answers` is validated with it. Problems name
 * `answer_schema`; none when it compiles.
 */
export function answerSchemaProblems(schema: AnswerSchema): Problem[] {
  try {
    ajv.compile(schema);
    return [];
  } catch (error) {
    return [{ param: "answer_schema", message: `not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}` }];
  }
}

const answersSchemaOf = (schema: AnswerSchema) => ({ ...schema, required: [], additionalProperties: false });

/**
 * The sandbox callee's scripted answers must be answers the agent can take: each a property of its
 * schema, of that property's type (and one of its `enum` values). A script need not answer every
 * required property (a callee may not know). Each problem names `simulated_callee.answers.<property>`.
 */
export function scriptedAnswerProblems(schema: AnswerSchema | null, answers: Record<string, AnswerValue>): Problem[] {
  if (Object.keys(answers).length === 0) return [];
  if (schema === null) {
    return [{ param: "simulated_callee.answers", message: "the agent has no answer_schema, so it asks for nothing" }];
  }
  const validate = ajv.compile(answersSchemaOf(schema));
  if (validate(answers)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => {
    const property = error.keyword === "additionalProperties" ? String(error.params.additionalProperty) : null;
    const param = property === null ? dotted("simulated_callee.answers", error.instancePath) : `simulated_callee.answers.${property}`;
    const message = property === null ? (error.message ?? "invalid") : "not a property of the agent's answer_schema";
    return { param, message };
  });
}
