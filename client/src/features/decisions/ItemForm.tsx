import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_LIMITS, type ActionItem, type Member, type Organisation } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { DAY_MS, fromLocalInput, toLocalInput } from '../issues/datetime';
import { PanelButtons } from '../../ui/PanelButtons';

interface Props {
  decisionId: string;
  /** The item edited, or null for a new one. */
  item: ActionItem | null;
  organisations: readonly Organisation[];
  members: readonly Member[];
  onDone: (item: ActionItem) => void;
  onCancel: () => void;
}

interface MilestoneDraft {
  id?: string;
  title: string;
  due: string;
}

/** Moderators add or edit an action item: what, who (an organisation or a member), by when, and its milestones. */
export function ItemForm({ decisionId, item, organisations, members, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [title, setTitle] = useState(item?.title ?? '');
  const [ownerType, setOwnerType] = useState<'organisation' | 'member'>(item?.owner.type ?? 'organisation');
  const [ownerId, setOwnerId] = useState(item?.owner.id ?? '');
  const [due, setDue] = useState(() => toLocalInput(item ? Date.parse(item.dueAt) : Date.now() + 30 * DAY_MS));
  const [milestones, setMilestones] = useState<MilestoneDraft[]>(
    (item?.milestones ?? []).map((milestone) => ({ id: milestone.id, title: milestone.title, due: toLocalInput(Date.parse(milestone.dueAt)) })),
  );
  const dueAt = fromLocalInput(due);
  const ready = title.trim().length >= DECISION_LIMITS.itemTitle.min && ownerId !== '' && dueAt !== null && milestones.every((m) => m.title.trim() && fromLocalInput(m.due));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dueAt) return;
    const payload = {
      decisionId,
      title: title.trim(),
      owner: ownerType === 'organisation' ? { type: 'organisation' as const, organisationId: ownerId } : { type: 'member' as const, userId: ownerId },
      dueAt,
      milestones: milestones.map((m) => ({ ...(m.id ? { id: m.id } : {}), title: m.title.trim(), dueAt: fromLocalInput(m.due)! })),
      ...(item ? { itemId: item.id, version: item.version } : {}),
    };
    const saved = await action.run(() => request('decision:saveItem', payload));
    if (saved) onDone(saved);
  }

  const ownerOptions =
    ownerType === 'organisation'
      ? organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))
      : members.map((member) => ({ value: member.userId, label: member.displayName }));

  return (
    <form className="stack act-panel" data-testid="decision-item-form" onSubmit={(e) => void submit(e)}>
      <TextField label={t('decision.form.itemTitle')} data-testid="item-title-input" value={title} maxLength={DECISION_LIMITS.itemTitle.max} onChange={(e) => setTitle(e.target.value)} required />
      <SelectField
        label={t('decision.form.ownerType')}
        data-testid="item-owner-type"
        value={ownerType}
        onChange={(e) => {
          setOwnerType(e.target.value as 'organisation' | 'member');
          setOwnerId('');
        }}
        options={[
          { value: 'organisation', label: t('decision.form.ownerOrganisation') },
          { value: 'member', label: t('decision.form.ownerMember') },
        ]}
      />
      <SelectField label={t('decision.form.owner')} data-testid="item-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} options={ownerOptions}>
        <option value="">{t('decision.form.pickOwner')}</option>
      </SelectField>
      <TextField label={t('decision.form.dueAt')} type="datetime-local" data-testid="item-due" value={due} onChange={(e) => setDue(e.target.value)} required />
      <fieldset className="field stack">
        <legend>{t('decision.form.milestones')}</legend>
        {milestones.map((milestone, i) => (
          <div key={milestone.id ?? `new-${i}`} className="milestone-row">
            <TextField
              label={t('decision.form.milestoneTitle')}
              data-testid="milestone-title"
              value={milestone.title}
              maxLength={DECISION_LIMITS.milestoneTitle.max}
              onChange={(e) => setMilestones(milestones.map((m, j) => (j === i ? { ...m, title: e.target.value } : m)))}
            />
            <TextField
              label={t('decision.form.milestoneDue')}
              type="datetime-local"
              data-testid="milestone-due"
              value={milestone.due}
              onChange={(e) => setMilestones(milestones.map((m, j) => (j === i ? { ...m, due: e.target.value } : m)))}
            />
            <button type="button" className="ghost" aria-label={t('decision.form.removeMilestone')} onClick={() => setMilestones(milestones.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        {milestones.length < DECISION_LIMITS.milestones && (
          <button type="button" className="secondary" data-testid="milestone-add" onClick={() => setMilestones([...milestones, { title: '', due: due }])}>
            {t('decision.form.addMilestone')}
          </button>
        )}
      </fieldset>
      <ErrorLine error={action.error} small />
      <PanelButtons label={t('decision.form.save')} testId="item-submit" disabled={!ready || action.pending} onCancel={onCancel} />
    </form>
  );
}
