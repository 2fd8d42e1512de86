import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type MyCommunity } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextField } from '../../ui/TextField';
import { useMyCommunities } from '../communities/useMyCommunities';

/** The resident registers building / unit / room; staff verify it. */
export function HouseholdForm({ mine }: { mine: MyCommunity }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { patch } = useMyCommunities();
  const household = mine.membership.household;
  const [building, setBuilding] = useState(household?.building ?? '');
  const [unit, setUnit] = useState(household?.unit ?? '');
  const [room, setRoom] = useState(household?.room ?? '');
  const [saved, setSaved] = useState(false);
  const saving = useAction();
  const status = household?.status ?? 'none';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const membership = await saving.run(() =>
      request('household:set', {
        communityId: mine.community.id,
        building: building.trim(),
        unit: unit.trim(),
        room: room.trim(),
      }),
    );
    if (membership) {
      patch(mine.community.id, (current) => ({ ...current, membership }));
      setSaved(true);
    }
  }

  const complete = building.trim() && unit.trim() && room.trim();
  const part = (
    label: string,
    placeholder: string,
    value: string,
    set: (value: string) => void,
    testId: string,
  ) => (
    <TextField
      label={label}
      data-testid={testId}
      maxLength={LIMITS.householdPart.max}
      placeholder={placeholder}
      value={value}
      onChange={(e) => {
        set(e.target.value);
        setSaved(false);
      }}
    />
  );

  return (
    <section className="panel" aria-labelledby="household-title">
      <h2 id="household-title">{t('household.title')}</h2>
      <p className="muted small">{t('household.hint')}</p>
      <p className="household-status-line">
        {t('household.status')}
        <span className={`badge hh-${status}`} data-testid="household-status" data-status={status}>
          {t(`householdStatus.${status}`)}
        </span>
        {household?.status === 'verified' && household.verifiedAt && (
          <span className="muted small"> {t('household.verifiedAt', { date: formatDate(household.verifiedAt) })}</span>
        )}
      </p>
      {status === 'rejected' && <p className="notice small">{t('household.rejectedHint')}</p>}
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="household-grid">
          {part(t('household.building'), t('household.buildingPlaceholder'), building, setBuilding, 'household-building')}
          {part(t('household.unit'), t('household.unitPlaceholder'), unit, setUnit, 'household-unit')}
          {part(t('household.room'), t('household.roomPlaceholder'), room, setRoom, 'household-room')}
        </div>
        <button type="submit" className="primary" data-testid="household-save" disabled={saving.pending || !complete}>
          {saving.pending ? t('common.saving') : t('household.save')}
        </button>
      </form>
      <ErrorLine error={saving.error} />
      {saved && status === 'unverified' && (
        <p className="success" role="status">
          {t('household.saved')}
        </p>
      )}
    </section>
  );
}
