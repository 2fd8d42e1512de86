/**
 * The signed-in user as the permission rules see them in the open community:
 * the same Actor the server resolves, so `can()` from @linli/shared decides
 * which buttons to show exactly as the server decides what to allow.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { isMutedAt, type Actor, type MyCommunity, type Organisation, type UserSelf } from '@linli/shared';
import { useSession } from '../auth/session';

export function communityActor(user: UserSelf, mine: MyCommunity, organisations: readonly Organisation[] | null, now = Date.now()): Actor {
  return {
    userId: user.id,
    isPlatformAdmin: user.isPlatformAdmin,
    role: mine.membership.role,
    organisationIds: (organisations ?? []).filter((org) => org.staff.some((staff) => staff.userId === user.id)).map((org) => org.id),
    muted: isMutedAt(mine.membership.mutedUntil, now),
    householdVerified: mine.membership.household?.status === 'verified',
  };
}

const ActorContext = createContext<Actor | null>(null);

export function CommunityActorProvider({ mine, organisations, children }: { mine: MyCommunity; organisations: readonly Organisation[] | null; children: ReactNode }) {
  const { user } = useSession();
  const actor = useMemo(() => communityActor(user, mine, organisations), [user, mine, organisations]);
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>;
}

/** The actor of the open community (inside CommunityScreen). */
export function useCommunityActor(): Actor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error('useCommunityActor outside a community');
  return actor;
}
