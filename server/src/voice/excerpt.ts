/** What stands for a recording where text is shown (notifications, moderation reports, audit): "[语音 12″]". */
export function voiceExcerpt(voice: { durationMs: number } | null | undefined): string {
  if (!voice) return '';
  return `[语音 ${Math.max(1, Math.round(voice.durationMs / 1000))}″]`;
}

/** The text of a message for excerpts: its body, the recording's mark before it when it has one. */
export function messageText(message: { body?: string | null; voice?: { durationMs: number } | null }): string {
  const body = message.body ?? '';
  const mark = voiceExcerpt(message.voice);
  return mark && body ? `${mark} ${body}` : mark || body;
}
