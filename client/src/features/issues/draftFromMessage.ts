import { ISSUE_LIMITS, type Message } from '@linli/shared';
import type { FileDraft } from './FileIssueForm';

/** The file form's start from a chat message: its first line as the title, the whole text as the description. */
export function draftFromMessage(message: Pick<Message, 'id' | 'body' | 'authorName'>, own: boolean): FileDraft {
  const firstLine = message.body.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const title = firstLine.length > ISSUE_LIMITS.title.max ? `${firstLine.slice(0, ISSUE_LIMITS.title.max - 1)}…` : firstLine;
  return { title, description: message.body, sourceMessageId: message.id, ...(own ? {} : { forName: message.authorName }) };
}
