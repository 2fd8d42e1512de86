import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CastResult, Member, Poll } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { SelectField } from '../../ui/SelectField';
import { rulesOf } from './ballot';
import { ballotSecret } from './ballotSecret';
import { CastFlow } from './CastFlow';
import { ReceiptCard } from './ReceiptCard';
import { useSavePoll } from './usePollsLive';

interface Props {
  poll: Poll;
  members: readonly Member[] | null;
}

/**
 * Assisted voting (staff): pick a verified member who cannot come online, fill the ballot
 * with them, confirm. The server flags it, audits who helped whom and notifies the member.
 */
export function AssistPanel({ poll, members }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useSavePoll(poll.communityId);
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const [done, setDone] = useState<{ name: string; result: CastResult } | null>(null);
  const verified = (members ?? []).filter((member) => member.householdVerified).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
  const member = verified.find((item) => item.userId === userId) ?? null;
  const secret = poll.ballot === 'secret';

  if (!open) {
    return (
      <button type="button" className="secondary" data-testid="assist-open" onClick={() => setOpen(true)}>
        {t('poll.assist.open')}
      </button>
    );
  }

  return (
    <section className="assist-panel stack" aria-labelledby="assist-title" data-testid="assist-panel">
      <div className="row between">
        <h3 id="assist-title">{t('poll.assist.title')}</h3>
        <button type="button" className="ghost" onClick={() => (setOpen(false), setDone(null), setUserId(''))}>
          {t('common.close')}
        </button>
      </div>
      <p className="small muted">{t('poll.assist.hint')}</p>
      {done ? (
        <ReceiptCard receipt={done.result.receipt} assisted changed={done.result.changed}>
          <p className="small">
            <span className="badge">{t('poll.assist.flagged')}</span> {t('poll.assist.done', { name: done.name })} <span className="mono">{done.result.receipt}</span>
          </p>
          <button type="button" className="secondary" onClick={() => (setDone(null), setUserId(''))}>
            {t('poll.assist.open')}
          </button>
        </ReceiptCard>
      ) : verified.length === 0 ? (
        <p className="muted">{t('poll.assist.noMembers')}</p>
      ) : (
        <>
          <SelectField
            label={t('poll.assist.member')}
            value={userId}
            data-testid="assist-member"
            options={verified.map((item) => ({ value: item.userId, label: item.displayName }))}
            onChange={(e) => (setUserId(e.target.value), action.clearError())}
          >
            <option value="">{t('poll.assist.memberPick')}</option>
          </SelectField>
          {member && (
            <CastFlow
              key={member.userId}
              rules={rulesOf(poll)}
              name={`assist-${poll.id}-${member.userId}`}
              allowChange={poll.allowChange}
              secret={secret}
              pending={action.pending}
              error={action.error}
              castLabel={t('poll.assist.confirm', { name: member.displayName })}
              onCast={(choice) =>
                void action
                  .run(() =>
                    request(
                      'poll:castFor',
                      // The member's secret is kept on this device under their id: a retry here sends the same one.
                      secret ? { pollId: poll.id, userId: member.userId, choice, ballotSecret: ballotSecret(member.userId, poll.id) } : { pollId: poll.id, userId: member.userId, choice },
                    ),
                  )
                  .then((result) => {
                    if (!result) return;
                    save(result.poll);
                    setDone({ name: member.displayName, result });
                  })
              }
            />
          )}
        </>
      )}
    </section>
  );
}
