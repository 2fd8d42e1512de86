import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuePhoto } from '@linli/shared';
import { Dialog } from '../../ui/Dialog';
import { photoUrl, thumbUrl } from './photoApi';

/** The issue's photos as thumbnails; one opens full size over the page. */
export function PhotoGallery({ photos }: { photos: readonly IssuePhoto[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  const shown = open === null ? null : photos[open];
  return (
    <>
      <ul className="photo-strip" data-testid="issue-photos">
        {photos.map((photo, i) => (
          <li key={photo.id} className="photo-thumb">
            <button type="button" className="photo-open" data-testid="issue-photo" aria-label={t('issues.photos.open', { n: i + 1 })} onClick={() => setOpen(i)}>
              <img src={thumbUrl(photo.id)} alt={t('issues.photos.alt', { n: i + 1 })} width={photo.width} height={photo.height} loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      {shown && open !== null && (
        <Dialog title={t('issues.photos.alt', { n: open + 1 })} testId="photo-viewer" onClose={() => setOpen(null)}>
          <img className="photo-full" src={photoUrl(shown.id)} alt={t('issues.photos.alt', { n: open + 1 })} width={shown.width} height={shown.height} />
        </Dialog>
      )}
    </>
  );
}
