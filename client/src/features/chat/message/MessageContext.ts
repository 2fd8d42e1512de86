/** What every message row needs to know about the conversation around it. */
export interface MessageContext {
  me: string;
  communityId: string;
  isStaff: boolean;
  canPost: boolean;
  /** Display names of members, to highlight @mentions. */
  memberNames: ReadonlySet<string>;
  /** Current mute end per member id (staff use it to offer lifting a mute). */
  mutedUntil: ReadonlyMap<string, string>;
  onOpenThread?: (messageId: string) => void;
}
