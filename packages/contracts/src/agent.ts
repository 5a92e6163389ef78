import { z } from "zod";
import { AnswerSchema } from "./answer-schema";
import { CallingWindow } from "./calling-window";
import { PageQuery, pageOf } from "./pagination";
import { fieldWithDefault, optionalField } from "./request-fields";

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * What the agent does when an answering machine takes the call: `hangup` leaves its message and the
 * call ends `completed` (disposition `voicemail`); `retry` hangs up and counts it as an attempt to
 * retry, like no answer (the call fails with disposition `voicemail` once attempts are used up).
 */
export const VoicemailAction = z.enum(["hangup", "retry"]);
export type VoicemailAction = z.infer<typeof VoicemailAction>;

/**
 * What runs the agent's side of the conversation: `local` (the default: local speech synthesis and
 * recognition with a dialogue driven by `answer_schema`, no key needed) or a realtime speech-to-speech
 * provider, accepted only when the deployment has its credentials.
 */
export const VoiceEngine = z.enum(["local", "openai-realtime"]);
export type VoiceEngine = z.infer<typeof VoiceEngine>;

/**
 * The longest a call on a realtime engine may last: the provider's session limit less a minute, in
 * which the agent closes politely ("We are out of time…") before the provider would cut it off.
 */
export const realtimeCallLimitSeconds = (sessionSeconds: number) => sessionSeconds - 60;

/** The sentence an agent says first on a recorded call unless it sets its own. */
export const DEFAULT_RECORDING_DISCLOSURE = "This call is recorded.";

/** An outbound voice agent as the API returns it. */
export const AgentOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    system_prompt: z
      .string()
      .describe("May contain {{variable}} placeholders, filled from a call's context; {{client_name}} is the call's client_name"),
    first_message: z.string().nullable().describe("What the agent says first when a person answers; takes placeholders like the prompt"),
    voicemail_message: z
      .string()
      .nullable()
      .describe(
        "What the agent leaves when an answering machine takes the call (null: it hangs up without a word); takes placeholders like the prompt",
      ),
    answer_schema: AnswerSchema.nullable().describe("What the agent finds out; a call's structured_answers validate against it"),
    record: z.boolean().describe("Whether calls are recorded (both sides, two channels)"),
    recording_disclosure: z.string().describe("Said first on every recorded call, before the first message"),
    engine: VoiceEngine,
    model: z
      .string()
      .nullable()
      .describe("The realtime provider's model; null: the deployment's default. The `local` engine has no model and ignores it"),
    voice: z.string().nullable(),
    language: z.string().nullable(),
    max_duration_seconds: z.number().int(),
    voicemail_action: VoicemailAction,
    calling_window: CallingWindow.nullable().describe("Hours its calls may be attempted in, unless a call sets its own; null: any time"),
    is_default: z.boolean(),
    is_active: z.boolean(),
    created_at: isoDateTime,
    updated_at: isoDateTime,
  })
  .meta({ id: "Agent" });
export type AgentOut = z.infer<typeof AgentOut>;

const agentFields = {
  name: z.string().trim().min(1).max(200),
  system_prompt: z.string().min(1).max(20_000),
  voice: z.string().min(1).max(100).nullable(),
  model: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "a model name, e.g. gpt-realtime")
    .describe("Refused (422) unless it is one of the realtime models this deployment offers"),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag, e.g. en-US")
    .nullable(),
  max_duration_seconds: z
    .number()
    .int()
    .min(10)
    .max(14_400)
    .describe(
      "How long a call may last; on a realtime engine at most the provider's session limit less a minute (3540 by default), else 422",
    ),
  voicemail_action: VoicemailAction,
  is_default: z.boolean(),
  first_message: z.string().trim().min(1).max(2_000),
  voicemail_message: z.string().trim().min(1).max(2_000),
  answer_schema: AnswerSchema,
  record: z.boolean(),
  recording_disclosure: z.string().trim().min(1).max(500),
  engine: VoiceEngine.describe("`openai-realtime` is refused (422) unless the deployment has its credentials"),
};

/** Body of POST /v1/agents; an optional field sent as `null` is the same as one left out. */
export const CreateAgentRequest = z
  .object({
    name: agentFields.name,
    system_prompt: agentFields.system_prompt,
    first_message: optionalField(agentFields.first_message),
    voicemail_message: optionalField(agentFields.voicemail_message),
    answer_schema: optionalField(agentFields.answer_schema),
    record: fieldWithDefault(agentFields.record, true),
    recording_disclosure: fieldWithDefault(agentFields.recording_disclosure, DEFAULT_RECORDING_DISCLOSURE),
    engine: fieldWithDefault(agentFields.engine, "local"),
    model: optionalField(agentFields.model),
    voice: optionalField(agentFields.voice),
    language: optionalField(agentFields.language),
    max_duration_seconds: fieldWithDefault(agentFields.max_duration_seconds, 600),
    voicemail_action: fieldWithDefault(agentFields.voicemail_action, "hangup"),
    calling_window: optionalField(CallingWindow),
    is_default: fieldWithDefault(agentFields.is_default, false),
  })
  .strict()
  .meta({ id: "CreateAgentRequest" });
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

/**
 * Body of PATCH /v1/agents/{agent_id}: any subset. `null` clears `model`, `voice`, `language`, `calling_window`,
 * `first_message`, `voicemail_message` and `answer_schema`; for every other field it means "unchanged".
 * `is_active: true` reactivates a deleted agent.
 */
export const UpdateAgentRequest = z
  .object({
    name: optionalField(agentFields.name),
    system_prompt: optionalField(agentFields.system_prompt),
    first_message: agentFields.first_message.nullable().optional().describe("null clears it"),
    voicemail_message: agentFields.voicemail_message.nullable().optional().describe("null clears it"),
    answer_schema: agentFields.answer_schema.nullable().optional().describe("null clears it"),
    record: optionalField(agentFields.record),
    recording_disclosure: optionalField(agentFields.recording_disclosure),
    engine: optionalField(agentFields.engine),
    model: agentFields.model.nullable().optional().describe("null clears it"),
    voice: agentFields.voice.optional().describe("null clears it"),
    language: agentFields.language.optional().describe("null clears it"),
    max_duration_seconds: optionalField(agentFields.max_duration_seconds),
    voicemail_action: optionalField(agentFields.voicemail_action),
    calling_window: CallingWindow.nullable().optional().describe("null clears it"),
    is_default: optionalField(agentFields.is_default),
    is_active: optionalField(z.boolean()),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: "at least one field to change" })
  .meta({ id: "UpdateAgentRequest" });
export type UpdateAgentRequest = z.infer<typeof UpdateAgentRequest>;

/** Query of GET /v1/agents: active agents only unless `include_inactive=true`. */
export const ListAgentsQuery = z.object({ ...PageQuery, include_inactive: z.enum(["true", "false"]).default("false") }).strict();
export type ListAgentsQuery = z.infer<typeof ListAgentsQuery>;

export const AgentList = pageOf(AgentOut, "AgentList");
export type AgentList = z.infer<typeof AgentList>;
