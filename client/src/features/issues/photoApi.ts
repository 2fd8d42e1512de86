/** Problem-report photos over HTTP (session cookie, same origin): upload before filing, then show. */
import type { Ack, IssuePhoto } from '@linli/shared';

const base = '/api/issues/photos';

/** Full-size image (long side up to 2048 px). */
export const photoUrl = (photoId: string) => `${base}/${encodeURIComponent(photoId)}`;
/** Thumbnail (long side up to 320 px). */
export const thumbUrl = (photoId: string) => `${base}/${encodeURIComponent(photoId)}/thumb`;
/** The staff CSV export of a community's problem reports. */
export const issuesCsvUrl = (communityId: string) => `/api/communities/${encodeURIComponent(communityId)}/issues.csv`;

/** Uploads photos for a draft; answers their ids (and sizes) in the order given. */
export async function uploadPhotos(communityId: string, files: readonly File[]): Promise<Ack<IssuePhoto[]>> {
  const body = new FormData();
  for (const file of files) body.append('photos', file, file.name);
  try {
    const res = await fetch(`${base}?communityId=${encodeURIComponent(communityId)}`, { method: 'POST', credentials: 'same-origin', body, headers: { Accept: 'application/json' } });
    const json = (await res.json().catch(() => null)) as Ack<IssuePhoto[]> | null;
    if (json && typeof json === 'object' && 'ok' in json) return json;
    return { ok: false, error: { code: res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${res.status}` } };
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'network' } };
  }
}
