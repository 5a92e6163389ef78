/**
 * The sandbox callee exists only in the simulator: with live telephony a script would be ignored
 * while a real person is dialed, so a create carrying one is refused. The reason, or null.
 */
export function simulatedCalleeRefusal(liveTelephony: boolean, hasScript: boolean): string | null {
  return liveTelephony && hasScript ? "simulated_callee: only the sandbox (simulator telephony) takes a scripted callee" : null;
}
