import { LARGEST_SPOKEN_INTEGER, numberToWords } from "./number-words";

/**
 * The sandbox callee's script (a call's `simulated_callee`): the answers it gives, keyed by the
 * agent's `answer_schema` property, and how it behaves.
 */
export type CalleeScript = {
  answers?: Record<string, string | number | boolean>;
  /** Talks over the agent's first sentence. */
  interrupts?: boolean;
  /** Says nothing at all. */
  silent?: boolean;
  /** Asks not to be called again: at pickup, and once more after the agent's opening if the call goes on. */
  opt_out?: boolean;
  /**
   * Tests of a realtime engine only (not part of `simulated_callee`): said one by one, each after an
   * agent reply marked `opening` or `reply:<n>` has played, whatever the model asked.
   */
  replies?: string[];
};

/** What the callee does next: says something (as audio) or presses keys (DTMF). */
export type CalleeAction = { say: string } | { press: string };

/** The sentence the opt-out callee says; the agent's recognizer listens for it in every grammar. */
export const OPT_OUT_SENTENCE = "please stop calling me";
const GREETING = "hello?";
const INTERRUPTION = "who is this";
/** Agent frames heard before the interrupting callee talks over the first sentence (0.8 s into it). */
export const INTERRUPT_AFTER_AGENT_FRAMES = 40;

/** A value as the callee says it: numbers as words (0 to 100), booleans as yes/no. */
function spoken(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number")
    return Number.isInteger(value) && value >= 0 && value <= LARGEST_SPOKEN_INTEGER ? numberToWords(value) : String(value);
  return value;
}

/** What the callee says the first time it is asked for a value ("it is tuesday", "forty two"). */
const answerSentence = (value: string | number | boolean) => (typeof value === "number" ? spoken(value) : `it is ${spoken(value)}`);

/** The keys for a value when asked again: the keypad the agent offers as a second channel. */
const answerKeys = (value: string | number | boolean) =>
  typeof value === "boolean" ? (value ? "1" : "2") : typeof value === "number" ? `${value}#` : "1";

/**
 * The callee's decisions, free of I/O and of the clock: it reacts to the agent's marks once they
 * have played (`opening`, `ask:<property>`, `confirm:<property>:<heard value>`) and to the count of
 * agent frames heard, so a script plays the same way every time.
 */
export class ScriptedCallee {
  private readonly asked = new Map<string, number>();
  private optedOut = false;
  private interrupted = false;
  private replied = 0;

  constructor(private readonly script: CalleeScript) {}

  /** Every sentence the script may say: synthesized before the call, so speech starts on a frame count, not after a synthesis. */
  sentences(): string[] {
    if (this.script.silent) return [];
    const all = new Set([this.script.opt_out ? OPT_OUT_SENTENCE : GREETING]);
    if (this.script.interrupts) all.add(INTERRUPTION);
    if (Object.keys(this.script.answers ?? {}).length > 0) for (const word of ["yes", "no"]) all.add(word);
    for (const value of Object.values(this.script.answers ?? {})) all.add(answerSentence(value));
    for (const line of this.script.replies ?? []) all.add(line);
    return [...all];
  }

  /**
   * At pickup: "hello?", as a person answers; the opt-out callee asks at once not to be called
   * again, so the agent hears it whatever it says next (an agent with no questions closes right
   * after its opening, and a closing agent no longer listens).
   */
  atPickup(): CalleeAction[] {
    if (this.script.silent) return [];
    return [{ say: this.script.opt_out ? OPT_OUT_SENTENCE : GREETING }];
  }

  /** The agent's audio up to a mark has played. */
  markPlayed(name: string): CalleeAction[] {
    if (this.script.silent) return [];
    const [kind = "", property = "", heard = ""] = name.split(":");
    if (this.script.replies && (kind === "opening" || kind === "reply")) {
      const next = this.script.replies[this.replied++];
      return next === undefined ? [] : [{ say: next }];
    }
    if (this.script.opt_out) {
      // Once more, if the agent went on to its opening (or its first question): it did not hear the first.
      if ((kind === "opening" || kind === "ask") && !this.optedOut) {
        this.optedOut = true;
        return [{ say: OPT_OUT_SENTENCE }];
      }
      return [];
    }
    const value = this.script.answers?.[property];
    if (kind === "ask") {
      const times = (this.asked.get(property) ?? 0) + 1;
      this.asked.set(property, times);
      if (value === undefined) return [];
      return times === 1 ? [{ say: answerSentence(value) }] : [{ press: answerKeys(value) }];
    }
    if (kind === "confirm") return [{ say: value !== undefined && heard === String(value) ? "yes" : "no" }];
    return [];
  }

  /** The agent's `count`th frame of audio arrived. */
  agentFrameHeard(count: number): CalleeAction[] {
    if (!this.script.interrupts || this.script.silent || this.interrupted || count < INTERRUPT_AFTER_AGENT_FRAMES) return [];
    this.interrupted = true;
    return [{ say: INTERRUPTION }];
  }
}
