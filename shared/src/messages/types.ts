import type { Reaction } from '../reactions/types.js';
import type { IssueState } from '../issues/types.js';
import type { VoiceRef } from '../voice/types.js';

/** A notice posted by Linli in a community's issues channel when a problem report is filed or changes state. */
export interface IssueLink {
  issueId: string;
  number: number;
  title: string;
  /** The action taken (see issues/lifecycle.ts), or 'file'. */
  action: string;
  state: IssueState;
}

export const messageStates = ['visible', 'deleted', 'hidden'] as const;

/** The side an argument takes in a deliberation topic's channel (see deliberation/). */
export const argumentStances = ['for', 'against', 'neutral'] as const;
export type ArgumentStance = (typeof argumentStances)[number];
export type MessageState = (typeof messageStates)[number];

export interface Message {
  id: string;
  /** The sender's id for this message; a retried send with it is stored once. */
  clientId: string;
  communityId: string;
  channelId: string;
  /** Position in the channel (1, 2, 3, ...): cursor for history and catch-up. */
  seq: number;
  authorId: string;
  authorName: string;
  /** Empty when deleted or hidden. */
  body: string;
  /** Mentioned members' ids. */
  mentions: string[];
  /** Thread parent; replies are not shown in the channel's main timeline. */
  parentId: string | null;
  replyCount: number;
  lastReplyAt: string | null;
  reactions: Reaction[];
  state: MessageState;
  editedAt: string | null;
  /** Set on the notices about problem reports (see IssueLink); null on everything members write. */
  issueLink: IssueLink | null;
  /** An argument's side, in a deliberation topic's channel; null on every other message (and on thread replies). */
  stance: ArgumentStance | null;
  /** A voice recording (GET /api/voice/:id); null when there is none or the message is deleted or hidden. Absent on copies stored before voice existed. */
  voice?: VoiceRef | null;
  createdAt: string;
  updatedAt: string;
}
