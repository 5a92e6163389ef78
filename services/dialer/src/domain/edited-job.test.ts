import type { CallEventOf, CallOut } from "@voxbridge/contracts";
import { editedJob } from "./edited-job";

// Only the fields editedJob reads; the rest of each event is carried through unchanged.
const conversation = (script: unknown) => ({ agent_id: "a", system_prompt: "p", simulated_callee: script });
const job = {
  queued: {
    type: "call.queued",
    data: { webhook_url: null, agent: { id: "a" }, calling_window: null, conversation: conversation({ silent: true }), call: { id: "c" } },
  } as unknown as CallEventOf<"call.queued">,
  call: { id: "c", status: "queued", client_name: "Ana" } as unknown as CallOut,
};
const edit = (data: Record<string, unknown>) =>
  ({
    type: "call.updated",
    data: { webhook_url: null, call: { id: "c", client_name: "Bea", max_attempts: 3 }, ...data },
  }) as unknown as CallEventOf<"call.updated">;

describe("a partner's edit of a queued job", () => {
  it("takes the conversation the gateway's edit carries, so the next attempt's callee and agent are the edited ones", () => {
    const edited = editedJob(job, edit({ conversation: conversation({ answers: { day: "monday" } }) }));
    expect(edited.queued.data.conversation?.simulated_callee).toEqual({ answers: { day: "monday" } });
    expect(edited.queued.data.call.client_name).toBe("Bea");
    expect(edited.call).toMatchObject({ status: "queued", client_name: "Bea" });
  });

  it("keeps the conversation it had when the edit carries none", () => {
    expect(editedJob(job, edit({})).queued.data.conversation?.simulated_callee).toEqual({ silent: true });
  });
});
