import { DEFAULT_RECORDING_DISCLOSURE } from "@voxbridge/contracts";
import type { AnswerSchema } from "./answer-schema";
import type { AgentScript } from "./dialogue-policy";

/**
 * What the voice service knows of a call's agent, from the agent copy `call.queued` and
 * `call.updated` carry (texts already rendered with the call's `client_name` and `context`).
 */
export type CallAgent = {
  systemPrompt: string;
  firstMessage: string | null;
  voicemailMessage: string | null;
  voice: string | null;
  language: string | null;
  answerSchema: AnswerSchema | null;
  record: boolean;
  recordingDisclosure: string;
  maxDurationSeconds: number;
  engine: string;
  /** The realtime provider's model; null or absent (copies stored before agents had one): the deployment's default. */
  model?: string | null;
  /** Sandbox only: the scripted callee (the simulator plays it; the voice service only stores it). */
  simulatedCallee: unknown;
};

/** The local engine's script for an agent: the disclosure is said first whenever the call is recorded. */
export const scriptOf = (agent: CallAgent): AgentScript => ({
  disclosure: agent.record ? agent.recordingDisclosure || DEFAULT_RECORDING_DISCLOSURE : null,
  firstMessage: agent.firstMessage,
  voicemailMessage: agent.voicemailMessage,
  answerSchema: agent.answerSchema,
});
