import { numberToWords } from "@voxbridge/speech/number-words";
import { confirmGrammar, greetingGrammar, questionGrammar, spokenForm } from "./answer-grammar";
import { type AnswerSchema, type Question, questionsOf } from "./answer-schema";
import { interpretAnswer, interpretKeypad } from "./interpret-answer";
import { isOptOut } from "./opt-out";

/**
 * The local engine's dialogue: deterministic and driven by the agent's `answer_schema`. It greets
 * (disclosure first when recording), asks for each property by its description, confirms what it
 * heard with yes or no, re-asks once when it did not understand, and closes politely when it has
 * what it needs, when time is up, or at once (acknowledged) when the callee opts out. Keys pressed
 * on the phone answer too, without a confirmation.
 */
export type AgentScript = {
  /** Spoken first whenever the call is recorded. */
  disclosure: string | null;
  firstMessage: string | null;
  voicemailMessage: string | null;
  answerSchema: AnswerSchema | null;
};

export type ConversationOutcome = "talked" | "opt_out" | "voicemail_left";

/** What the agent does next: say something (then listen with a grammar), or hang up. */
export type PolicyAction =
  | { type: "say"; text: string; mark: string; listen: string | null }
  | { type: "hang_up"; outcome: ConversationOutcome };

export type PolicyInput =
  /** The media started; the callee may be saying hello (the engine then waits briefly, listening with `greetingGrammar`). */
  | { type: "start" }
  /** A reply was played to its end (its mark came back). */
  | { type: "played"; mark: string }
  | { type: "heard"; text: string }
  /** Silence where an answer was expected, or speech the recognizer could not place. */
  | { type: "heard_nothing" }
  | { type: "keys"; keys: string }
  | { type: "time_up" }
  | { type: "machine" }
  /** The partner canceled the call: close at once, politely. */
  | { type: "cancel" };

type Phase = "greeting" | "opening" | "asking" | "confirming" | "closing" | "ended";

export type PolicyState = {
  phase: Phase;
  questions: Question[];
  index: number;
  tries: number;
  pending: string | number | boolean | null;
  answers: Record<string, string | number | boolean>;
  outcome: ConversationOutcome;
  /** The mark of the closing line: the call ends once it was played (not when an earlier reply's mark comes back). */
  closingMark: string | null;
};

export const initialPolicyState = (script: AgentScript): PolicyState => ({
  phase: "greeting",
  questions: questionsOf(script.answerSchema),
  index: 0,
  tries: 0,
  pending: null,
  answers: {},
  outcome: "talked",
  closingMark: null,
});

const sentence = (text: string) => {
  const t = text.trim();
  return /[.?!]$/.test(t) ? t : `${t}?`;
};

const spokenValue = (value: string | number | boolean) =>
  typeof value === "number" ? numberToWords(value) : typeof value === "boolean" ? (value ? "yes" : "no") : spokenForm(value);

export function questionText(question: Question): string {
  const ask = sentence(question.description.charAt(0).toUpperCase() + question.description.slice(1));
  switch (question.kind) {
    case "yes_no":
      return `${ask} Please say yes or no, or press 1 for yes and 2 for no.`;
    case "integer":
      return `${ask} Please say a number, or type it and press pound.`;
    case "choice": {
      const spoken = question.choices.map(spokenForm);
      const list = spoken.length > 1 ? `${spoken.slice(0, -1).join(", ")} or ${spoken.at(-1)}` : (spoken[0] ?? "");
      const keys =
        question.choices.length <= 9
          ? ` You can also press 1 for ${spoken[0]}${spoken.length > 1 ? `, 2 for ${spoken[1]}, and so on` : ""}.`
          : "";
      return `${ask} Please say ${list}.${keys}`;
    }
  }
}

const CLOSING = "Thank you, that is everything I needed. Goodbye.";
/** Said when the agent has no first message, so a callee always hears who is calling. */
export const DEFAULT_GREETING = "Hello, this is an automated call.";
/** The close of a call that had nothing to ask (no `answer_schema`, or nothing the engine can ask). */
const NOTHING_TO_ASK = "Thank you for your time. Goodbye.";
export const OPT_OUT_ACK = "Understood. We will not call you again. Goodbye.";
const TIME_UP = "I am sorry, we are out of time. Thank you for your help. Goodbye.";
const CANCELED = "I am sorry, I have to end this call now. Thank you, goodbye.";
const NOT_UNDERSTOOD = "Sorry, I did not catch that.";
const MOVE_ON = "Sorry, let us move on.";

type Step = { state: PolicyState; actions: PolicyAction[] };

function ask(state: PolicyState, prefix = ""): Step {
  const question = state.questions[state.index];
  if (question === undefined)
    return close({ ...state, phase: "closing" }, state.questions.length === 0 ? NOTHING_TO_ASK : CLOSING, "close");
  return {
    state: { ...state, phase: "asking", pending: null },
    actions: [
      {
        type: "say",
        text: `${prefix}${questionText(question)}`.trim(),
        mark: `ask:${question.property}`,
        listen: questionGrammar(question),
      },
    ],
  };
}

function close(state: PolicyState, text: string, mark: string): Step {
  return { state: { ...state, phase: "closing", closingMark: mark }, actions: [{ type: "say", text, mark, listen: null }] };
}

/** Not understood: re-ask once, then move on without an answer. */
function retry(state: PolicyState): Step {
  if (state.tries === 0) return ask({ ...state, tries: 1 }, `${NOT_UNDERSTOOD} `);
  return ask({ ...state, index: state.index + 1, tries: 0 }, `${MOVE_ON} `);
}

function accept(state: PolicyState, value: string | number | boolean): PolicyState {
  const question = state.questions[state.index];
  if (question === undefined) return state;
  return { ...state, answers: { ...state.answers, [question.property]: value }, index: state.index + 1, tries: 0, pending: null };
}

/** The next state and what to do, for one input. Inputs after the end change nothing. */
export function decide(state: PolicyState, input: PolicyInput, script: AgentScript): Step {
  if (state.phase === "ended") return { state, actions: [] };
  if (input.type === "machine") {
    const text = script.voicemailMessage ?? "";
    if (text.trim() === "")
      return { state: { ...state, phase: "ended", outcome: "voicemail_left" }, actions: [{ type: "hang_up", outcome: "voicemail_left" }] };
    return close({ ...state, outcome: "voicemail_left", answers: {} }, text, "voicemail");
  }
  if (input.type === "heard" && state.phase !== "closing" && isOptOut(input.text)) {
    return close({ ...state, outcome: "opt_out" }, OPT_OUT_ACK, "opt_out");
  }
  if (input.type === "time_up" && state.phase !== "closing") return close(state, TIME_UP, "close");
  if (input.type === "cancel") return state.phase === "closing" ? { state, actions: [] } : close(state, CANCELED, "close");
  const question = state.questions[state.index];

  switch (state.phase) {
    case "greeting": {
      if (input.type === "played" || input.type === "start") return { state, actions: [] };
      const greeting = script.firstMessage?.trim() ? script.firstMessage : DEFAULT_GREETING;
      const opening = [script.disclosure, greeting].filter((t): t is string => !!t && t.trim() !== "").join(" ");
      return {
        state: { ...state, phase: "opening" },
        actions: [{ type: "say", text: opening, mark: "opening", listen: greetingGrammar() }],
      };
    }
    case "opening":
      // Whatever the callee says to the opening (or the end of it) leads to the first question.
      if (input.type === "played" || input.type === "heard" || input.type === "keys") return ask(state);
      return { state, actions: [] };
    case "asking": {
      if (question === undefined) return ask(state);
      if (input.type === "keys") {
        const value = interpretKeypad(question, input.keys);
        return value === undefined ? retry(state) : ask(accept(state, value));
      }
      if (input.type === "heard_nothing") return retry(state);
      if (input.type !== "heard") return { state, actions: [] };
      const value = interpretAnswer(question, input.text);
      if (value === undefined) return retry(state);
      return {
        state: { ...state, phase: "confirming", pending: value },
        actions: [
          {
            type: "say",
            text: `I heard ${spokenValue(value)}. Is that right?`,
            mark: `confirm:${question.property}:${String(value)}`,
            listen: confirmGrammar(),
          },
        ],
      };
    }
    case "confirming": {
      if (question === undefined || state.pending === null) return ask(state);
      if (input.type === "keys") {
        if (input.keys === "1") return ask(accept(state, state.pending));
        if (input.keys === "2") return retry({ ...state, phase: "asking" });
        return { state, actions: [] };
      }
      if (input.type === "heard_nothing") return retry({ ...state, phase: "asking" });
      if (input.type !== "heard") return { state, actions: [] };
      const yes = interpretAnswer({ property: question.property, description: "", kind: "yes_no" }, input.text);
      if (yes === true) return ask(accept(state, state.pending));
      return retry({ ...state, phase: "asking" });
    }
    case "closing":
      if (input.type === "played" && input.mark === state.closingMark)
        return { state: { ...state, phase: "ended" }, actions: [{ type: "hang_up", outcome: state.outcome }] };
      return { state, actions: [] };
  }
}
