/** Read positions and unread counts per channel. */
import { z } from 'zod';
import { id } from '../fields.js';
import { defineContract } from '../contract.js';

/** A user's read position and unread count in one channel. */
export interface ChannelReadState {
  communityId: string;
  channelId: string;
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
}

export const read = {
  mark: z.strictObject({ channelId: id, seq: z.int().min(0) }),
  states: z.strictObject({ communityId: id }),
};

export interface ReadResults {
  'channel:markRead': ChannelReadState;
  'channel:readStates': ChannelReadState[];
}

export interface ReadNotifications {
  /** The recipient's own read position moved (e.g. in another tab). */
  'read:updated': (p: ChannelReadState) => void;
}

export const readsContract = defineContract<ReadResults, ReadNotifications>()({
  commands: { 'channel:markRead': read.mark, 'channel:readStates': read.states },
});
