import { z } from "zod";

/** A property name of an answer schema: what `structured_answers` and `simulated_callee.answers` are keyed by. */
export const AnswerPropertyName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a property name: a letter or _, then letters, digits or _ (at most 64)");

const description = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe("What to find out; the agent asks for it in these words (required on every property)");

/** One thing the agent finds out: a free-text or enumerated string, a yes/no, a whole number or a number. */
export const AnswerProperty = z
  .discriminatedUnion("type", [
    z
      .object({
        type: z.literal("string"),
        description,
        enum: z
          .array(z.string().trim().min(1).max(100))
          .min(1)
          .max(50)
          .refine((values) => new Set(values.map((value) => value.toLowerCase())).size === values.length, "enum values must differ")
          .optional()
          .describe("The only values the answer may take"),
      })
      .strict(),
    z.object({ type: z.literal("boolean"), description }).strict(),
    z.object({ type: z.literal("integer"), description }).strict(),
    z.object({ type: z.literal("number"), description }).strict(),
  ])
  .meta({ id: "AnswerProperty" });
export type AnswerProperty = z.infer<typeof AnswerProperty>;

/** Most properties one answer schema may name: each is a question the agent asks on the call. */
export const ANSWER_SCHEMA_MAX_PROPERTIES = 20;

/**
 * What an agent finds out on a call, as a JSON Schema of the supported subset: `type: object`,
 * properties of type `string` (optionally with `enum`), `boolean`, `integer` or `number`, each with a
 * `description`, and `required`. `structured_answers` validates against it.
 */
export const AnswerSchema = z
  .object({
    type: z.literal("object"),
    properties: z
      .record(AnswerPropertyName, AnswerProperty)
      .refine((properties) => Object.keys(properties).length >= 1, "at least one property")
      .refine(
        (properties) => Object.keys(properties).length <= ANSWER_SCHEMA_MAX_PROPERTIES,
        `at most ${ANSWER_SCHEMA_MAX_PROPERTIES} properties`,
      ),
    required: z.array(AnswerPropertyName).max(ANSWER_SCHEMA_MAX_PROPERTIES).optional().describe("Properties the agent must obtain"),
    additionalProperties: z.literal(false).optional(),
  })
  .strict()
  .superRefine((schema, ctx) => {
    const seen = new Set<string>();
    (schema.required ?? []).forEach((name, index) => {
      if (!Object.hasOwn(schema.properties, name)) {
        ctx.addIssue({ code: "custom", path: ["required", index], message: `"${name}" is not one of the properties` });
      } else if (seen.has(name)) {
        ctx.addIssue({ code: "custom", path: ["required", index], message: `"${name}" is listed twice` });
      }
      seen.add(name);
    });
  })
  .meta({
    id: "AnswerSchema",
    example: {
      type: "object",
      properties: {
        preferred_day: { type: "string", enum: ["monday", "tuesday", "wednesday"], description: "Which day suits them for the visit" },
        party_size: { type: "integer", description: "How many people will come" },
        wants_reminder: { type: "boolean", description: "Whether they want a reminder text" },
      },
      required: ["preferred_day"],
    },
  });
export type AnswerSchema = z.infer<typeof AnswerSchema>;

/** A value the sandbox callee says, or the agent recorded, for one property. */
export const AnswerValue = z.union([z.string().max(500), z.boolean(), z.number()]);
export type AnswerValue = z.infer<typeof AnswerValue>;
