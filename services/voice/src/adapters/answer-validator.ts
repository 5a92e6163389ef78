import { Ajv, type ValidateFunction } from "ajv";
import type { Answers } from "../app/ports";
import type { AnswerSchema } from "../domain/answer-schema";

/**
 * Keeps the answers an agent's `answer_schema` accepts, checked by ajv: each answered property
 * against its own schema (`required` is not enforced: the record holds only what the callee
 * actually answered). A property that fails is dropped; null when nothing is left.
 */
export function createAnswerValidator(): (schema: AnswerSchema | null, answers: Answers) => Answers | null {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compiled = new Map<string, ValidateFunction>();
  return (schema, answers) => {
    if (schema === null) return null;
    const partial = { ...schema, required: [] };
    const key = JSON.stringify(partial);
    let validate = compiled.get(key);
    if (validate === undefined) {
      validate = ajv.compile(partial);
      if (compiled.size > 1000) compiled.clear();
      compiled.set(key, validate);
    }
    const kept: Answers = {};
    for (const [name, value] of Object.entries(answers)) {
      if (schema.properties?.[name] !== undefined && validate({ [name]: value })) kept[name] = value;
    }
    return Object.keys(kept).length > 0 && validate(kept) ? kept : Object.keys(kept).length === 0 ? {} : null;
  };
}
