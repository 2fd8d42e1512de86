/** Server notifications about one community: pushes for other communities are passed over. */
import type { Member, ServerEventName } from '@linli/shared';
import { useServerEvent, type ServerPayload } from './socket';

/** The notifications whose payload names its community. */
export type CommunityEventName = {
  [E in ServerEventName]: ServerPayload<E> extends { communityId: string } ? E : never;
}[ServerEventName];

/** Subscribes to one notification, handling only the pushes of `communityId`. */
export function useCommunityEvent<E extends CommunityEventName>(
  event: E,
  communityId: string,
  handler: (payload: ServerPayload<E>) => void,
): void {
  useServerEvent(event, (payload) => {
    if ((payload as { communityId: string }).communityId === communityId) handler(payload);
  });
}

/** A member of the community joined or changed (role, household, mute…). */
export function useMemberSaved(communityId: string, handler: (member: Member) => void): void {
  useCommunityEvent('member:joined', communityId, handler);
  useCommunityEvent('member:updated', communityId, handler);
}
