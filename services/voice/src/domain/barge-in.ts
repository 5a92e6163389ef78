/**
 * Barge-in: the callee's speech starting while the agent's reply is still being played stops that
 * reply at once (Twilio `clear`, no further frame of it). Speech while the agent is silent is a turn,
 * not an interruption.
 */
export function isBargeIn(input: { speechStarted: boolean; agentPlaying: boolean }): boolean {
  return input.speechStarted && input.agentPlaying;
}
