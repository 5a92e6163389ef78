import type { z } from "zod";

/**
 * An optional field of a request body. JSON `null` means "not given", exactly like leaving the field
 * out: the API answers every unknown field as `null`, so partners send bodies shaped like its answers.
 */
export const optionalField = <T extends z.ZodType>(schema: T) => {
  const field = schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
  // The field's description belongs on the field, where the OpenAPI document (and the SDK) show it.
  return schema.description ? field.describe(schema.description) : field;
};

/** An optional field with a default: absent and `null` both take the default. */
export const fieldWithDefault = <T extends z.ZodType>(schema: T, fallback: NonNullable<z.output<T>>) =>
  schema
    .nullish()
    .transform((value): NonNullable<z.output<T>> => value ?? fallback)
    .meta({ default: fallback, ...(schema.description ? { description: schema.description } : {}) });
