import type { CallEventOf, CallOut } from "@voxbridge/contracts";

/**
 * A job's `call.queued` and call snapshot after the partner's edit (the gateway's `call.updated`):
 * the partner's fields, the agent when it changed and the window now in force. What the dialer
 * owns (status, attempts, times, outcome) stays the job's.
 */
export function editedJob(
  job: { queued: CallEventOf<"call.queued">; call: CallOut },
  edit: CallEventOf<"call.updated">,
): { queued: CallEventOf<"call.queued">; call: CallOut } {
  const edited = edit.data.call;
  const partnerFields = {
    agent_id: edited.agent_id,
    client_name: edited.client_name,
    context: edited.context,
    metadata: edited.metadata,
    max_attempts: edited.max_attempts,
    scheduled_at: edited.scheduled_at,
    calling_window: edited.calling_window,
  };
  const queued: CallEventOf<"call.queued"> = {
    ...job.queued,
    data: {
      ...job.queued.data,
      webhook_url: edit.data.webhook_url,
      agent: edit.data.agent ?? job.queued.data.agent,
      calling_window: edit.data.calling_window === undefined ? (job.queued.data.calling_window ?? null) : edit.data.calling_window,
      // The gateway's edit carries the conversation again (the agent, context or client name may
      // have changed); the next attempt's stream uses it.
      ...(edit.data.conversation ? { conversation: edit.data.conversation } : {}),
      call: { ...job.queued.data.call, ...partnerFields },
    },
  };
  return { queued, call: { ...job.call, ...partnerFields } };
}
