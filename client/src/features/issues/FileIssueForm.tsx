import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, can, type EventInput, type Issue, type IssuePhoto, type VoiceRef } from '@linli/shared';
import { useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { SelectField } from '../../ui/SelectField';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { categoriesQuery } from './issueQueries';
import { PhotoPicker } from './PhotoPicker';
import { VoiceAttach } from '../voice/VoiceAttach';
import { SimilarIssues } from './SimilarIssues';
import { useSaveIssue } from './useIssuesLive';
import { OnBehalfFields, type OnBehalf } from './OnBehalfFields';
import { useCommunityActor } from '../communities/actor';
import { newClientId } from '../../lib/clientId';

export interface FileDraft {
  title: string;
  description: string;
  /** "Turn into an issue": the chat message, and its author (the reporter) when not the caller. */
  sourceMessageId?: string;
  forName?: string;
}

interface Props {
  communityId: string;
  me: string;
  draft?: FileDraft;
  onFiled: (issue: Issue) => void;
  onCancel: () => void;
  onOpen: (issueId: string) => void;
}

/** A resident reports a problem: what, where, photos; alike open issues are offered while typing. */
export function FileIssueForm({ communityId, me, draft, onFiled, onCancel, onOpen }: Props) {
  const { t } = useTranslation();
  const categories = useSocketQuery(categoriesQuery(communityId, false));
  const [title, setTitle] = useState(draft?.title.slice(0, ISSUE_LIMITS.title.max) ?? '');
  const [description, setDescription] = useState(draft?.description.slice(0, ISSUE_LIMITS.description.max) ?? '');
  const [categoryId, setCategoryId] = useState('');
  const [building, setBuilding] = useState('');
  const [unit, setUnit] = useState('');
  const [place, setPlace] = useState('');
  const [photos, setPhotos] = useState<IssuePhoto[]>([]);
  const [voice, setVoice] = useState<VoiceRef | null>(null);
  const [uploading, setUploading] = useState(false);
  const [showName, setShowName] = useState(true);
  const [onBehalf, setOnBehalf] = useState<OnBehalf>({ kind: 'self' });
  // One id per form: a double tap or a retry after a lost answer files once.
  const [clientId] = useState(newClientId);
  // Staff file for residents who called or were visited (not when the draft already names a chat message's author).
  const mayFileFor = can(useCommunityActor(), 'issue.fileFor') && !draft?.sourceMessageId;
  const action = useAction();
  const save = useSaveIssue(communityId, me);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (uploading) return;
    const payload: EventInput<'issue:file'> = {
      communityId,
      title: title.trim(),
      description: description.trim(),
      categoryId,
      location: { building: building.trim(), unit: unit.trim(), text: place.trim() },
      photoIds: photos.map((photo) => photo.id),
      showName,
      clientId,
    };
    if (draft?.sourceMessageId) payload.sourceMessageId = draft.sourceMessageId;
    if (voice) payload.voice = { id: voice.id };
    if (onBehalf.kind === 'member') payload.onBehalfOf = { userId: onBehalf.userId };
    if (onBehalf.kind === 'name') payload.onBehalfOf = { name: onBehalf.name.trim() };
    const issue = await action.run(() => request('issue:file', payload));
    if (issue) {
      save(issue);
      onFiled(issue);
    }
  }

  const ready = title.trim().length >= ISSUE_LIMITS.title.min && categoryId !== '' && !uploading && (onBehalf.kind !== 'name' || onBehalf.name.trim() !== '');

  return (
    <form className="stack issue-form" data-testid="issue-form" onSubmit={(e) => void submit(e)}>
      {draft?.forName && <p className="notice small">{t('issues.form.fromMessageFor', { name: draft.forName })}</p>}
      {mayFileFor && <OnBehalfFields communityId={communityId} me={me} value={onBehalf} onChange={setOnBehalf} />}
      <TextField
        label={t('issues.form.titleLabel')}
        hint={t('issues.form.titleHint')}
        data-testid="issue-title-input"
        value={title}
        maxLength={ISSUE_LIMITS.title.max}
        placeholder={t('issues.form.titlePlaceholder')}
        onChange={(e) => setTitle(e.target.value)}
        required
      />
      <SimilarIssues communityId={communityId} me={me} title={title} description={description} categoryId={categoryId} onOpen={onOpen} />
      <SelectField
        label={t('issues.form.category')}
        data-testid="issue-category-select"
        value={categoryId}
        onChange={(e) => setCategoryId(e.target.value)}
        required
        options={(categories.data ?? []).map((category) => ({ value: category.id, label: category.name }))}
      >
        <option value="">{t('issues.form.categoryPick')}</option>
      </SelectField>
      <TextAreaField
        label={t('issues.form.description')}
        data-testid="issue-description-input"
        value={description}
        maxLength={ISSUE_LIMITS.description.max}
        placeholder={t('issues.form.descriptionPlaceholder')}
        onChange={(e) => setDescription(e.target.value)}
      />
      <VoiceAttach communityId={communityId} value={voice} onChange={setVoice} />
      <div className="location-grid">
        <TextField label={t('issues.form.building')} data-testid="issue-building-input" value={building} maxLength={20} onChange={(e) => setBuilding(e.target.value)} />
        <TextField label={t('issues.form.unit')} data-testid="issue-unit-input" value={unit} maxLength={20} onChange={(e) => setUnit(e.target.value)} />
        <TextField
          label={t('issues.form.locationText')}
          fieldClassName="field location-text"
          data-testid="issue-place-input"
          value={place}
          maxLength={120}
          placeholder={t('issues.form.locationPlaceholder')}
          onChange={(e) => setPlace(e.target.value)}
        />
      </div>
      <PhotoPicker communityId={communityId} photos={photos} onChange={setPhotos} onBusy={setUploading} />
      <label className="check">
        <input type="checkbox" data-testid="issue-show-name" checked={showName} onChange={(e) => setShowName(e.target.checked)} />
        <span>{draft?.forName || onBehalf.kind !== 'self' ? t('issues.form.showNameFor') : t('issues.form.showName')}</span>
      </label>
      <ErrorLine error={action.error} testId="issue-form-error" />
      <div className="row">
        <button type="submit" className="primary" data-testid="issue-submit" disabled={!ready || action.pending}>
          {t('issues.form.submit')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('issues.form.cancel')}
        </button>
      </div>
    </form>
  );
}
