/** The Postgres schema this service owns; its migrations and queries stay inside it. */
export const VOICE_SCHEMA = "voice";
