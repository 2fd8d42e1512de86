import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ballotChoiceField, type MyBallot, type Poll } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { draftFromBallot, rulesOf } from './ballot';
import { pendingChoice } from './ballotSecret';
import { BallotSummary } from './BallotSummary';
import { CastFlow } from './CastFlow';
import { ReceiptCard } from './ReceiptCard';
import { useCast } from './useCast';
import { useMyReceipt } from './useMyReceipt';

interface Props {
  poll: Poll;
  my: MyBallot;
  userId: string;
}

/** My part in a poll: the ballot to fill and confirm, then the receipt (and "change my vote" when allowed). */
export function VotePanel({ poll, my, userId }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { action, last, cast } = useCast(poll, userId);
  const [changing, setChanging] = useState(false);
  const myReceipt = useMyReceipt(poll.id, userId, my.receipt);
  const rules = rulesOf(poll);
  const secret = poll.ballot === 'secret';

  if (poll.state === 'scheduled') {
    return (
      <p className="notice" data-testid="vote-not-open">
        {t('poll.ballot.notOpen')} {t('poll.opensAt', { date: formatDate(poll.opensAt) })}
      </p>
    );
  }
  if (poll.state === 'closing') return <p className="notice">{t('poll.result.pending')}</p>;
  if (poll.state === 'closed') return null;

  if (!my.eligible) {
    return (
      <p className="notice" data-testid="vote-blocked" data-reason={my.blocked ?? 'notEligible'}>
        {my.blocked ? t(`poll.blocked.${my.blocked}`) : t('poll.ballot.notEligible')}
      </p>
    );
  }

  const flow = (onCancel?: () => void) => (
    <CastFlow
      key={changing ? 'change' : 'first'}
      rules={rules}
      name={`poll-${poll.id}`}
      initial={changing && my.choice !== null ? draftFromBallot(poll.kind, my.choice) : undefined}
      allowChange={poll.allowChange}
      secret={secret}
      pending={action.pending}
      error={action.error}
      onCast={(choice) =>
        void cast(choice).then((result) => {
          if (result) setChanging(false);
        })
      }
      onCancel={onCancel}
    />
  );

  if (my.status === 'cast' && my.castByOther) {
    return (
      <p className="notice" data-testid="vote-household">
        {my.castByName ? t('poll.householdBy', { name: my.castByName }) : t('poll.householdByOther')}
      </p>
    );
  }

  if (my.status === 'cast' && !changing) {
    const receipt = last?.receipt ?? myReceipt;
    const mayChange = poll.allowChange && my.blocked === null;
    return (
      <ReceiptCard receipt={receipt} assisted={my.assisted} changed={last?.changed ?? false}>
        {my.choice !== null && (
          <div>
            <h4>{t('poll.receipt.yourChoice')}</h4>
            <BallotSummary rules={rules} draft={draftFromBallot(poll.kind, my.choice)} />
          </div>
        )}
        {my.assisted && my.assistedByName && <p className="small muted">{t('poll.receipt.assisted')}：{my.assistedByName}</p>}
        {mayChange && (
          <div className="ballot-actions">
            <button type="button" className="secondary" data-testid="vote-change" onClick={() => setChanging(true)}>
              {t('poll.receipt.change')}
            </button>
          </div>
        )}
      </ReceiptCard>
    );
  }

  if (my.status === 'pending' && !changing) {
    const parsed = ballotChoiceField.safeParse(pendingChoice(userId, poll.id));
    const stored = parsed.success ? parsed.data : null;
    return (
      <div className="notice stack" data-testid="vote-pending">
        <strong>{t('poll.pending.title')}</strong>
        {stored !== null ? (
          <>
            <p className="small">{t('poll.pending.hint')}</p>
            <BallotSummary rules={rules} draft={draftFromBallot(poll.kind, stored)} />
            <button type="button" className="primary" disabled={action.pending} data-testid="vote-finish" onClick={() => void cast(stored)}>
              {t('poll.pending.finish')}
            </button>
            {action.error && <p className="error small">{action.error}</p>}
          </>
        ) : (
          <>
            <p className="small">{t('poll.pending.refill')}</p>
            {flow()}
          </>
        )}
      </div>
    );
  }

  if (my.blocked && !changing) {
    return (
      <p className="notice" data-testid="vote-blocked" data-reason={my.blocked}>
        {t(`poll.blocked.${my.blocked}`)}
      </p>
    );
  }

  return (
    <div data-testid="vote-panel">
      <h3>{t('poll.ballot.title')}</h3>
      {flow(changing ? () => setChanging(false) : undefined)}
    </div>
  );
}
