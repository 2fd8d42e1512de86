import type { Actor, Channel, MemberRole } from '@linli/shared';

/** What every message row needs to know about the conversation around it. */
export interface MessageContext {
  me: string;
  communityId: string;
  /** The user as the permission rules see them (can() decides the actions offered). */
  actor: Actor;
  channel: Channel;
  /** Members' roles, for rules that compare ranks (mute). */
  roles: ReadonlyMap<string, MemberRole>;
  /** Display names of members, to highlight @mentions. */
  memberNames: ReadonlySet<string>;
  /** Current mute end per member id (staff use it to offer lifting a mute). */
  mutedUntil: ReadonlyMap<string, string>;
  onOpenThread?: (messageId: string) => void;
  /** False where the user may not react (a closed deliberation topic's channel, for residents: rule deliberation.endorse); true when omitted. */
  canReact?: boolean;
}
