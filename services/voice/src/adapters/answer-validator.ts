import { Ajv, type ValidateFunction } from "ajv";
import type { Answers } from "../app/ports";
import type { AnswerSchema } from "../domain/answer-schema";

/**
 * Keeps the answers an agent's `answer_schema` accepts, checked by ajv: each answered property
 * against its own schema (`required` is not enforced: the record holds only what the callee
 * actually answered). A property that fails is dropped; null when nothing is left.
 */
export function createAnswerValidator(): {
  keep: (schema: AnswerSchema | null, answers: Answers) => Answers | null;
  /** The same check, all or nothing, with what is wrong (for a realtime model's `record_answers` call). */
  check: (schema: AnswerSchema | null, answers: Answers) => { ok: true } | { ok: false; errors: string };
} {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (schema: AnswerSchema) => {
    const partial = { ...schema, required: [] };
    const key = JSON.stringify(partial);
    let validate = compiled.get(key);
    if (validate === undefined) {
      validate = ajv.compile(partial);
      if (compiled.size > 1000) compiled.clear();
      compiled.set(key, validate);
    }
    return validate;
  };
  const check = (schema: AnswerSchema | null, answers: Answers): { ok: true } | { ok: false; errors: string } => {
    if (schema === null) return { ok: false, errors: "this agent records no answers" };
    const unknown = Object.keys(answers).filter((name) => schema.properties?.[name] === undefined);
    if (unknown.length > 0) return { ok: false, errors: `unknown properties: ${unknown.join(", ")}` };
    const validate = validatorOf(schema);
    return validate(answers) ? { ok: true } : { ok: false, errors: ajv.errorsText(validate.errors, { dataVar: "answers" }) };
  };
  const keep = (schema: AnswerSchema | null, answers: Answers): Answers | null => {
    if (schema === null) return null;
    const validate = validatorOf(schema);
    const kept: Answers = {};
    for (const [name, value] of Object.entries(answers)) {
      if (schema.properties?.[name] !== undefined && validate({ [name]: value })) kept[name] = value;
    }
    return Object.keys(kept).length > 0 && validate(kept) ? kept : Object.keys(kept).length === 0 ? {} : null;
  };
  return { keep, check };
}
