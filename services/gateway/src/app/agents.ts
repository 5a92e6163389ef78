import type { AgentOut, CreateAgentRequest, UpdateAgentRequest } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit/core";
import type { AgentChange, AgentStore } from "./ports";

export type AgentDeps = { agents: AgentStore; newId: () => string };

const notFound = () => new AppError("not_found", "No agent with this id", { param: "agent_id" });

export function createAgent(deps: AgentDeps, orgId: string, request: CreateAgentRequest): Promise<AgentOut> {
  return deps.agents.create(orgId, {
    id: deps.newId(),
    name: request.name,
    systemPrompt: request.system_prompt,
    voice: request.voice ?? null,
    language: request.language ?? null,
    maxDurationSeconds: request.max_duration_seconds,
    voicemailAction: request.voicemail_action,
    callingWindow: request.calling_window ?? null,
    isDefault: request.is_default,
  });
}

export async function updateAgent(deps: AgentDeps, orgId: string, agentId: string, request: UpdateAgentRequest): Promise<AgentOut> {
  const change: AgentChange = {
    ...(request.name !== undefined && { name: request.name }),
    ...(request.system_prompt !== undefined && { systemPrompt: request.system_prompt }),
    ...(request.voice !== undefined && { voice: request.voice }),
    ...(request.language !== undefined && { language: request.language }),
    ...(request.max_duration_seconds !== undefined && { maxDurationSeconds: request.max_duration_seconds }),
    ...(request.voicemail_action !== undefined && { voicemailAction: request.voicemail_action }),
    ...(request.calling_window !== undefined && { callingWindow: request.calling_window }),
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
