import type { DialRequest } from "../../app/ports";

const xml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * TwiML that connects the answered call to the voice service's media stream. It carries only the
 * call id, the attempt and the stream's short-lived token: the voice service learns the agent (prompt,
 * messages, voice, questions) from the call's events, never from here. So the TwiML stays a few
 * hundred characters whatever the prompt, far below the 4,000 that Twilio's `Twiml` field holds.
 */
export function mediaStreamTwiml(streamUrl: string, dial: Pick<DialRequest, "callId" | "attempt">, token: string): string {
  const parameters = { call_id: dial.callId, attempt: String(dial.attempt), token };
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${xml(name)}" value="${xml(value)}"/>`)
    .join("");
  return `<Response><Connect><Stream url="${xml(streamUrl)}">${params}</Stream></Connect></Response>`;
}

/** The most Twilio takes in a call's `Twiml` field. */
export const TWIML_MAX_CHARACTERS = 4_000;
