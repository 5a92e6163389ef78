import {
  type AgentOut,
  type CallConversation,
  type CallOut,
  type DialAgent,
  renderAgentTemplate,
  type SimulatedCallee,
} from "@voxbridge/contracts";

/** An agent as a new call takes it: what the dialer gets, and the templates the voice service gets rendered. */
export type CallAgent = DialAgent &
  Pick<AgentOut, "first_message" | "voicemail_message" | "answer_schema" | "record" | "recording_disclosure" | "engine" | "model">;

/** The agent copy `call.queued` and `call.updated` carry for the dialer (exactly DialAgent's fields). */
export function dialAgentOf(agent: CallAgent): DialAgent {
  return {
    id: agent.id,
    system_prompt: agent.system_prompt,
    voice: agent.voice,
    language: agent.language,
    max_duration_seconds: agent.max_duration_seconds,
    voicemail_action: agent.voicemail_action,
    calling_window: agent.calling_window,
  };
}

/**
 * What the voice service needs for this call: the agent's three templates rendered with the call's
 * `client_name` and `context`, its settings, and the sandbox callee's script.
 */
export function conversationFor(
  agent: CallAgent,
  call: Pick<CallOut, "client_name" | "context">,
  simulatedCallee: SimulatedCallee | null,
): CallConversation {
  const values = { client_name: call.client_name, context: call.context };
  const render = (template: string | null) => (template === null ? null : renderAgentTemplate(template, values).text);
  return {
    agent_id: agent.id,
    system_prompt: renderAgentTemplate(agent.system_prompt, values).text,
    first_message: render(agent.first_message),
    voicemail_message: render(agent.voicemail_message),
    voice: agent.voice,
    language: agent.language,
    answer_schema: agent.answer_schema,
    record: agent.record,
    recording_disclosure: agent.recording_disclosure,
    max_duration_seconds: agent.max_duration_seconds,
    engine: agent.engine,
    model: agent.model,
    simulated_callee: simulatedCallee,
  };
}
