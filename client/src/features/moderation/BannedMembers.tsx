import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type { Member } from '@linli/shared';
import { queryKeys, socketQueryFn, useSocketQuery } from '../../lib/query';
import { useCommunityEvent } from '../../lib/communityEvents';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { useErrorText } from '../../lib/errors';
import { ReasonedConfirm } from './ReasonedConfirm';

const bannedQuery = (communityId: string) =>
  queryOptions({ queryKey: queryKeys.members(communityId, 'banned'), queryFn: socketQueryFn('member:list', { communityId, banned: true }) });

/** Banned members of one community, live: a ban adds one, lifting it removes one. */
function useBannedMembers(communityId: string) {
  const queryClient = useQueryClient();
  const query = useSocketQuery(bannedQuery(communityId));
  const key = bannedQuery(communityId).queryKey;

  const remove = useCallback(
    (userId: string) => queryClient.setQueryData(key, (list) => list?.filter((member) => member.userId !== userId)),
    [queryClient, key],
  );

  // member:removed covers bans (and leaves): reload rather than guess which it was.
  useCommunityEvent('member:removed', communityId, () => void queryClient.invalidateQueries({ queryKey: key }));
  useCommunityEvent('member:unbanned', communityId, (push) => remove(push.userId));

  return { banned: query.data ?? null, error: query.error, remove };
}

/** Staff lift bans here; the server allows it to the ranks that could have imposed the ban. */
export function BannedMembers({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { banned, error, remove } = useBannedMembers(communityId);

  return (
    <section className="panel" id="mod-banned" aria-labelledby="mod-banned-title">
      <h2 id="mod-banned-title">{t('mod.banned')}</h2>
      <p className="muted small">{t('mod.bannedHint')}</p>
      {error && (
        <p className="error small" role="alert">
          {errorText(error)}
        </p>
      )}
      {banned === null && !error && <p className="muted">{t('app.loading')}</p>}
      <ul className="list compact" data-testid="banned-list">
        {banned !== null && banned.length === 0 && <li className="empty muted">{t('mod.noBanned')}</li>}
        {(banned ?? []).map((member) => (
          <BannedItem key={member.userId} communityId={communityId} member={member} onLifted={remove} />
        ))}
      </ul>
    </section>
  );
}

function BannedItem({ communityId, member, onLifted }: { communityId: string; member: Member; onLifted: (userId: string) => void }) {
  const { t } = useTranslation();
  const action = useAction();

  async function unban(reason: string) {
    const done = await action.run(() => request('member:unban', { communityId, userId: member.userId, reason }));
    if (done) onLifted(done.userId);
  }

  return (
    <li data-testid="banned-item" data-user-id={member.userId}>
      <div className="member-head">
        <strong>{member.displayName}</strong>
        {member.role !== 'resident' && <span className={`badge role-${member.role}`}>{t(`roles.${member.role}`)}</span>}
        {member.phoneMasked && <span className="muted small">{member.phoneMasked}</span>}
      </div>
      <div className="inline-form wrap">
        <ReasonedConfirm
          reasonLabel={t('mod.unbanReason')}
          label={t('mod.unban')}
          confirmLabel={t('mod.unbanConfirm')}
          testId="unban-member"
          disabled={action.pending}
          onConfirm={(reason) => void unban(reason)}
        />
      </div>
      <ErrorLine error={action.error} />
    </li>
  );
}
