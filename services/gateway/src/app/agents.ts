import type { AgentOut, CreateAgentRequest, UpdateAgentRequest, VoiceEngine } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit/core";
import { answerSchemaProblems } from "../domain/answer-schema-check";
import { durationRefusal, engineRefusal, modelRefusal } from "../domain/engine-availability";
import type { AgentChange, AgentStore } from "./ports";

/**
 * `voiceEngines`: the realtime engines this deployment holds credentials for (`local` is always there);
 * `realtimeModels`: the provider models agents may choose (the deployment pays for them);
 * `realtimeCallLimitSeconds`: the longest `max_duration_seconds` of an agent on a realtime engine.
 */
export type AgentDeps = {
  agents: AgentStore;
  newId: () => string;
  voiceEngines: readonly VoiceEngine[];
  realtimeModels: readonly string[];
  realtimeCallLimitSeconds: number;
};

const notFound = () => new AppError("not_found", "No agent with this id", { param: "agent_id" });

/**
 * The checks beyond the body's shape: the answer schema compiles, the engine and model are ones this
 * deployment runs, and the agent's calls fit its engine's session (`resulting`: the engine and
 * maximum duration the agent has once the request applies; null when the request changes neither).
 */
function checkConversation(
  deps: AgentDeps,
  request: Pick<UpdateAgentRequest, "answer_schema" | "engine" | "model">,
  resulting: Pick<AgentOut, "engine" | "max_duration_seconds"> | null,
): void {
  const refusals = [
    { param: "engine", message: request.engine ? engineRefusal(request.engine, deps.voiceEngines) : null },
    { param: "model", message: request.model ? modelRefusal(request.model, deps.realtimeModels) : null },
    {
      param: "max_duration_seconds",
      message: resulting && durationRefusal(resulting.engine, resulting.max_duration_seconds, deps.realtimeCallLimitSeconds),
    },
  ];
  const problems = [
    ...(request.answer_schema ? answerSchemaProblems(request.answer_schema) : []),
    ...refusals.flatMap(({ param, message }) => (message === null ? [] : [{ param, message }])),
  ];
  const [first] = problems;
  if (first) throw new AppError("validation_failed", `${first.param}: ${first.message}`, { param: first.param, details: problems });
}

export function createAgent(deps: AgentDeps, orgId: string, request: CreateAgentRequest): Promise<AgentOut> {
  checkConversation(deps, request, request);
  return deps.agents.create(orgId, {
    id: deps.newId(),
    name: request.name,
    systemPrompt: request.system_prompt,
    voice: request.voice ?? null,
    language: request.language ?? null,
    maxDurationSeconds: request.max_duration_seconds,
    voicemailAction: request.voicemail_action,
    callingWindow: request.calling_window ?? null,
    firstMessage: request.first_message ?? null,
    voicemailMessage: request.voicemail_message ?? null,
    answerSchema: request.answer_schema ?? null,
    record: request.record,
    recordingDisclosure: request.recording_disclosure,
    engine: request.engine,
    model: request.model ?? null,
    isDefault: request.is_default,
  });
}

export async function updateAgent(deps: AgentDeps, orgId: string, agentId: string, request: UpdateAgentRequest): Promise<AgentOut> {
  let resulting: Pick<AgentOut, "engine" | "max_duration_seconds"> | null = null;
  if (request.engine !== undefined || request.max_duration_seconds !== undefined) {
    // A concurrent PATCH may still combine the two past the limit: the voice service then closes the
    // call politely at the limit, as it does for every realtime call.
    const current = await getAgent(deps, orgId, agentId);
    resulting = {
      engine: request.engine ?? current.engine,
      max_duration_seconds: request.max_duration_seconds ?? current.max_duration_seconds,
    };
  }
  checkConversation(deps, request, resulting);
  const change: AgentChange = {
    ...(request.name !== undefined && { name: request.name }),
    ...(request.system_prompt !== undefined && { systemPrompt: request.system_prompt }),
    ...(request.voice !== undefined && { voice: request.voice }),
    ...(request.language !== undefined && { language: request.language }),
    ...(request.max_duration_seconds !== undefined && { maxDurationSeconds: request.max_duration_seconds }),
    ...(request.voicemail_action !== undefined && { voicemailAction: request.voicemail_action }),
    ...(request.calling_window !== undefined && { callingWindow: request.calling_window }),
    ...(request.first_message !== undefined && { firstMessage: request.first_message }),
    ...(request.voicemail_message !== undefined && { voicemailMessage: request.voicemail_message }),
    ...(request.answer_schema !== undefined && { answerSchema: request.answer_schema }),
    ...(request.record !== undefined && { record: request.record }),
    ...(request.recording_disclosure !== undefined && { recordingDisclosure: request.recording_disclosure }),
    ...(request.engine !== undefined && { engine: request.engine }),
    ...(request.model !== undefined && { model: request.model }),
    ...(request.is_default !== undefined && { isDefault: request.is_default }),
    ...(request.is_active !== undefined && { isActive: request.is_active }),
  };
  return (await deps.agents.update(orgId, agentId, change)) ?? Promise.reject(notFound());
}

/** DELETE deactivates (calls keep their agent); an inactive agent is 404 for new calls and stops being the default. */
export async function deactivateAgent(deps: AgentDeps, orgId: string, agentId: string): Promise<AgentOut> {
  return (await deps.agents.update(orgId, agentId, { isActive: false })) ?? Promise.reject(notFound());
}

export async function getAgent(deps: AgentDeps, orgId: string, agentId: string): Promise<AgentOut> {
  return (await deps.agents.get(orgId, agentId)) ?? Promise.reject(notFound());
}
