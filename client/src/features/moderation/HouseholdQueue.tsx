import { useTranslation } from 'react-i18next';
import type { Member } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { formatAddress } from '../../lib/format';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { DecisionButtons } from '../../ui/DecisionButtons';
import { ErrorLine } from '../../ui/ErrorLine';
import { useHouseholdQueue } from './useHouseholdQueue';

interface Props {
  communityId: string;
  onMemberSaved: (member: Member) => void;
}

export function HouseholdQueue({ communityId, onMemberSaved }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { pending, error, track } = useHouseholdQueue(communityId);

  return (
    <section className="panel" id="mod-households" aria-labelledby="mod-households-title">
      <h2 id="mod-households-title">
        {t('mod.households')} {pending && pending.length > 0 && <span className="count">{pending.length}</span>}
      </h2>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {pending === null && !error && <p className="muted">{t('app.loading')}</p>}
      {pending?.length === 0 && <p className="muted">{t('mod.noHouseholds')}</p>}
      <ul className="list compact">
        {(pending ?? []).map((member) => (
          <HouseholdItem
            key={member.userId}
            member={member}
            communityId={communityId}
            onVerified={(updated) => {
              track(updated);
              onMemberSaved(updated);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

interface ItemProps {
  member: Member;
  communityId: string;
  onVerified: (member: Member) => void;
}

function HouseholdItem({ member, communityId, onVerified }: ItemProps) {
  const { t } = useTranslation();
  const verifying = useAction();

  async function decide(approve: boolean) {
    const updated = await verifying.run(() =>
      request('household:verify', { communityId, userId: member.userId, approve }),
    );
    if (updated) onVerified(updated);
  }

  return (
    <li className="household-pending-item" data-testid="household-pending-item" data-user-id={member.userId}>
      <div className="member-head">
        <strong>{member.displayName}</strong>
        {member.phoneMasked && <span className="muted small">{member.phoneMasked}</span>}
      </div>
      {member.household && <p>{formatAddress(member.household)}</p>}
      <DecisionButtons
        approveLabel={t('mod.verify')}
        rejectLabel={t('mod.rejectHousehold')}
        approveTestId="verify-household"
        rejectTestId="reject-household"
        pending={verifying.pending}
        onDecide={(approve) => void decide(approve)}
      />
      <ErrorLine error={verifying.error} />
    </li>
  );
}
