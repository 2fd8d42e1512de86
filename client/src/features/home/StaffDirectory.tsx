/**
 * Who is staff in the community on screen, so every place that shows a name can
 * show the role next to it: a resident who calls themself 张主任 gets no badge,
 * the real one does. The staff are loaded on their own (the member list stops at
 * a page, the staff must not), organisation posts come from the organisation
 * list the screen holds; names are never matched, only user ids.
 */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { staffRoles, type Member, type MemberRole, type Organisation } from '@linli/shared';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useCommunityEvent, useMemberSaved } from '../../lib/communityEvents';

interface StaffInfo {
  /** Community staff role, or null for organisation staff who are residents. */
  role: MemberRole | null;
  /** Organisation posts: organisation name and title. */
  posts: { organisationId: string; name: string; title: string }[];
}

const StaffContext = createContext<ReadonlyMap<string, StaffInfo>>(new Map());

/** Module level: a stable select runs only when the list changes. */
const rolesById = (members: Member[]): ReadonlyMap<string, MemberRole> => new Map(members.map((member) => [member.userId, member.role]));

const staffQuery = (communityId: string) =>
  queryOptions({
    queryKey: queryKeys.members(communityId, 'staff'),
    queryFn: socketQueryFn('member:list', { communityId, roles: [...staffRoles] }),
    select: rolesById,
  });

const noStaff: ReadonlyMap<string, MemberRole> = new Map();

/** Community staff by user id, loaded on connect and kept live from member events. */
function useStaffRoles(communityId: string): ReadonlyMap<string, MemberRole> {
  const queryClient = useQueryClient();
  const { data } = useSocketQuery(staffQuery(communityId));
  const key = staffQuery(communityId).queryKey;

  useMemberSaved(communityId, (member) =>
    queryClient.setQueryData(key, (list) => {
      if (!list) return list;
      const rest = list.filter((item) => item.userId !== member.userId);
      return staffRoles.includes(member.role) ? [...rest, member] : rest;
    }),
  );
  useCommunityEvent('member:removed', communityId, (push) =>
    queryClient.setQueryData(key, (list) => list?.filter((item) => item.userId !== push.userId)),
  );
  return data ?? noStaff;
}

export function StaffDirectory({
  communityId,
  organisations,
  children,
}: {
  communityId: string;
  organisations: Organisation[] | null;
  children: ReactNode;
}) {
  const staff = useStaffRoles(communityId);
  const directory = useMemo(() => {
    const byUser = new Map<string, StaffInfo>();
    for (const [userId, role] of staff) byUser.set(userId, { role, posts: [] });
    for (const organisation of organisations ?? []) {
      for (const staffMember of organisation.staff) {
        const info = byUser.get(staffMember.userId) ?? { role: null, posts: [] };
        info.posts.push({ organisationId: organisation.id, name: organisation.name, title: staffMember.title });
        byUser.set(staffMember.userId, info);
      }
    }
    return byUser;
  }, [staff, organisations]);
  return <StaffContext.Provider value={directory}>{children}</StaffContext.Provider>;
}

/** The user's staff role and organisation posts as badges; nothing for residents. */
export function StaffBadge({ userId, posts = true }: { userId: string; posts?: boolean }) {
  const { t } = useTranslation();
  const info = useContext(StaffContext).get(userId);
  if (!info) return null;
  return (
    <>
      {info.role && (
        <span className={`badge name-badge role-${info.role}`} data-testid="staff-badge" data-role={info.role}>
          {t(`roles.${info.role}`)}
        </span>
      )}
      {posts &&
        info.posts.map((post) => (
          <span key={post.organisationId} className="badge name-badge org-post" data-testid="org-badge">
            {post.title ? t('home.staffWithTitle', { name: post.name, title: post.title }) : post.name}
          </span>
        ))}
    </>
  );
}

/** For plain-text places (typing line): "张主任（管理员）" for staff, the bare name otherwise. */
export function useNameWithRole(): (userId: string, name: string) => string {
  const { t } = useTranslation();
  const directory = useContext(StaffContext);
  return useCallback(
    (userId: string, name: string) => {
      const info = directory.get(userId);
      const label = info?.role ? t(`roles.${info.role}`) : info?.posts[0]?.name;
      return label ? t('home.staffWithTitle', { name, title: label }) : name;
    },
    [directory, t],
  );
}
