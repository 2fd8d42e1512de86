import { useTranslation } from 'react-i18next';
import { useSocketQuery } from '../../lib/query';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { membersQuery } from '../home/useCommunityData';

/** Whom staff file a problem for: themselves, a member (a phone call, a visit), or a resident without an account. */
export type OnBehalf = { kind: 'self' } | { kind: 'member'; userId: string } | { kind: 'name'; name: string };

const NO_ACCOUNT = '__name__';

export function OnBehalfFields({ communityId, me, value, onChange }: { communityId: string; me: string; value: OnBehalf; onChange: (next: OnBehalf) => void }) {
  const { t } = useTranslation();
  const members = useSocketQuery(membersQuery(communityId));
  const selected = value.kind === 'self' ? '' : value.kind === 'member' ? value.userId : NO_ACCOUNT;
  const options = (members.data ?? [])
    .filter((member) => member.userId !== me)
    .map((member) => ({ value: member.userId, label: member.displayName }));
  return (
    <fieldset className="stack on-behalf" data-testid="issue-on-behalf">
      <legend>{t('issues.form.onBehalf.legend')}</legend>
      <SelectField
        label={t('issues.form.onBehalf.who')}
        hint={t('issues.form.onBehalf.hint')}
        data-testid="issue-on-behalf-select"
        value={selected}
        onChange={(e) => {
          const choice = e.target.value;
          onChange(choice === '' ? { kind: 'self' } : choice === NO_ACCOUNT ? { kind: 'name', name: '' } : { kind: 'member', userId: choice });
        }}
        options={[...options, { value: NO_ACCOUNT, label: t('issues.form.onBehalf.noAccount') }]}
      >
        <option value="">{t('issues.form.onBehalf.myself')}</option>
      </SelectField>
      {value.kind === 'name' && (
        <TextField
          label={t('issues.form.onBehalf.name')}
          data-testid="issue-on-behalf-name"
          value={value.name}
          maxLength={40}
          required
          onChange={(e) => onChange({ kind: 'name', name: e.target.value })}
        />
      )}
    </fieldset>
  );
}
