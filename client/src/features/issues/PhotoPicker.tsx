import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_LIMITS, type IssuePhoto } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { uploadPhotos, thumbUrl } from './photoApi';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

interface Props {
  communityId: string;
  photos: IssuePhoto[];
  onChange: (photos: IssuePhoto[]) => void;
  /** Whether an upload is running (the form waits for it before filing). */
  onBusy: (busy: boolean) => void;
}

/** Up to six photos, each uploaded as soon as it is picked; thumbnails with a remove button. */
export function PhotoPicker({ communityId, photos, onChange, onBusy }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const max = ISSUE_LIMITS.photos;

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const picked = [...(e.target.files ?? [])];
    e.target.value = '';
    const problems: string[] = [];
    const fitting = picked.filter((file) => {
      if (!TYPES.includes(file.type)) problems.push(t('issues.photos.badType', { name: file.name }));
      else if (file.size > ISSUE_LIMITS.photoBytes) problems.push(t('issues.photos.tooBig', { name: file.name }));
      else return true;
      return false;
    });
    const room = max - photos.length;
    if (fitting.length > room) problems.push(t('issues.photos.tooMany', { max, extra: fitting.length - room }));
    const files = fitting.slice(0, Math.max(0, room));
    setErrors(problems);
    if (files.length === 0) return;
    setUploading(true);
    onBusy(true);
    const res = await uploadPhotos(communityId, files);
    setUploading(false);
    onBusy(false);
    if (res.ok) onChange([...photos, ...res.data].slice(0, max));
    else setErrors([...problems, t('issues.photos.failed', { error: errorText(res.error) })]);
  }

  return (
    <div className="field">
      <span>{t('issues.photos.label', { max })}</span>
      <ul className="photo-strip" data-testid="photo-thumbs">
        {photos.map((photo, i) => (
          <li key={photo.id} className="photo-thumb">
            <img src={thumbUrl(photo.id)} alt={t('issues.photos.alt', { n: i + 1 })} />
            <button
              type="button"
              className="photo-remove"
              data-testid="photo-remove"
              aria-label={t('issues.photos.remove', { n: i + 1 })}
              onClick={() => onChange(photos.filter((item) => item.id !== photo.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={input}
        type="file"
        accept={TYPES.join(',')}
        multiple
        className="visually-hidden"
        data-testid="photo-input"
        tabIndex={-1}
        onChange={(e) => void pick(e)}
      />
      {photos.length < max && (
        <button type="button" className="secondary" data-testid="photo-add" disabled={uploading} onClick={() => input.current?.click()}>
          {uploading ? t('issues.photos.uploading') : t('issues.photos.add')}
        </button>
      )}
      {uploading && (
        <span className="muted small" role="status" data-testid="photo-uploading">
          {t('issues.photos.uploading')}
        </span>
      )}
      {errors.map((error) => (
        <p key={error} className="error small" role="alert" data-testid="photo-error">
          {error}
        </p>
      ))}
    </div>
  );
}
