import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { Answers } from "../../app/ports";
import type { AnswerSchema } from "../../domain/answer-schema";
import { type Turn, transcriptText } from "../../domain/transcript";

/**
 * The post-call extraction pass: when a realtime call ended with required answers still missing
 * and a transcript, one Chat Completions request with a strict JSON-schema output reads the
 * missing answers from the transcript. A property the transcript does not settle comes back null
 * and stays missing; the caller checks what comes back with the agent's ajv validator.
 */
export function missingRequired(schema: AnswerSchema | null, answers: Answers | null): string[] {
  if (schema === null) return [];
  return (schema.required ?? []).filter((name) => answers?.[name] === undefined && schema.properties?.[name] !== undefined);
}

/** The strict output schema: every missing property, each nullable (null: not said in the call). */
export function extractionRequest(
  model: string,
  schema: AnswerSchema,
  missing: string[],
  turns: Turn[],
): ChatCompletionCreateParamsNonStreaming {
  const properties: Record<string, unknown> = {};
  for (const name of missing) {
    const property = schema.properties?.[name];
    properties[name] = {
      type: [property?.type ?? "string", "null"],
      ...(property?.enum ? { enum: [...property.enum, null] } : {}),
      ...(property?.description ? { description: property.description } : {}),
    };
  }
  return {
    model,
    messages: [
      {
        role: "system",
        content:
          "From this phone call's transcript, give each answer the callee clearly gave. Use null for anything the callee did not say; never guess.",
      },
      { role: "user", content: transcriptText(turns) },
    ],
    response_format: {
      type: "json_schema",
      json_schema: {
        name: "answers",
        strict: true,
        schema: { type: "object", properties, required: missing, additionalProperties: false },
      },
    },
  };
}

/** The extracted answers (nulls dropped), or an error the caller logs. */
export async function extractAnswers(options: {
  apiUrl: string;
  apiKey: string;
  model: string;
  schema: AnswerSchema;
  missing: string[];
  turns: Turn[];
  timeoutMs?: number;
}): Promise<Answers> {
  const response = await fetch(`${options.apiUrl.replace(/\/$/, "")}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(extractionRequest(options.model, options.schema, options.missing, options.turns)),
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  if (!response.ok) throw new Error(`the extraction request was refused (${response.status})`);
  const completion = (await response.json()) as ChatCompletion;
  const content = completion.choices[0]?.message.content;
  if (!content) throw new Error("the extraction came back empty");
  const parsed = JSON.parse(content) as Record<string, unknown>;
  const answers: Answers = {};
  for (const name of options.missing) {
    const value = parsed[name];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") answers[name] = value;
  }
  return answers;
}
