-- What the agent does when an answering machine takes the call: 'hangup' (leave the message; the
-- call is done) or 'retry' (hang up and count it as an attempt to retry, like no answer).
ALTER TABLE "agents" ADD COLUMN "voicemail_action" TEXT NOT NULL DEFAULT 'hangup';
