import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_LIMITS, type ActionItem, type IssuePhoto, type ProgressEntry } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { PhotoPicker } from '../issues/PhotoPicker';
import { PanelButtons } from '../../ui/PanelButtons';

interface Props {
  communityId: string;
  item: ActionItem;
  onDone: (item: ActionItem, entry: ProgressEntry) => void;
  onCancel: () => void;
}

/** An owner (or a moderator) reports progress: what was done, how far (100 % = done), photos (the problem reports' upload). */
export function ProgressForm({ communityId, item, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [text, setText] = useState('');
  const [percent, setPercent] = useState(String(item.progress));
  const [photos, setPhotos] = useState<IssuePhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const value = Number(percent);
  const ready = text.trim().length > 0 && Number.isInteger(value) && value >= 0 && value <= 100 && !busy;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await action.run(() => request('decision:progress', { itemId: item.id, text: text.trim(), percent: value, photoIds: photos.map((photo) => photo.id) }));
    if (res) onDone(res.item, res.entry);
  }

  return (
    <form className="stack act-panel" data-testid="decision-progress-form" onSubmit={(e) => void submit(e)}>
      <TextAreaField label={t('decision.form.progressText')} data-testid="progress-text" value={text} maxLength={DECISION_LIMITS.progressText.max} onChange={(e) => setText(e.target.value)} required />
      <TextField
        label={t('decision.form.percent')}
        hint={t('decision.form.percentHint')}
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        step={1}
        data-testid="progress-percent"
        value={percent}
        onChange={(e) => setPercent(e.target.value)}
      />
      <PhotoPicker communityId={communityId} photos={photos} onChange={setPhotos} onBusy={setBusy} />
      <ErrorLine error={action.error} small />
      <PanelButtons label={t('decision.form.progressSubmit')} testId="progress-submit" disabled={!ready || action.pending} onCancel={onCancel} />
    </form>
  );
}
