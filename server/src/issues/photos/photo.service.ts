import type { Models } from '../../models.js';
import type { Logger } from '../../lib/logger.js';
import type { MembershipCache } from '../../members/membership-cache.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isObjectId, op } from '../../lib/db.js';
import type { IssuePhotoDoc } from './photo.model.js';
import type { PhotoStorage, StoredPhoto } from './storage.js';
import { PHOTO_LIMITS, createSlots, processPhoto, type ProcessedPhoto } from './image.js';
import type { UploadedFile } from './multipart.js';

/** What the issues service and the client see of a photo (the wire type IssuePhoto in shared). */
export interface PhotoSummary {
  id: string;
  width: number;
  height: number;
}

export type PhotoVariant = 'image' | 'thumb';

/** Storage keys of a photo's bytes. */
export const photoKeys = (photoId: string): Record<PhotoVariant, string> => ({ image: photoId, thumb: `${photoId}-thumb` });

/** Unattached photos older than this are swept (the resident gave up filing). */
export const UNATTACHED_TTL_MS = 24 * 3600_000;

export interface PhotoServiceDeps {
  models: Pick<Models, 'IssuePhoto'>;
  memberships: Pick<MembershipCache, 'get'>;
  storage: PhotoStorage;
  log?: Pick<Logger, 'warn'>;
  now?: () => Date;
  /** Photos this node decodes at once (default 2). */
  decodeSlots?: number;
}

const refuse = (message: string, issues?: { path: string; message: string }[]) =>
  new AppError('VALIDATION_FAILED', message, issues ? { issues } : {});

export const presentPhoto = (row: Pick<IssuePhotoDoc, '_id' | 'width' | 'height'>): PhotoSummary => ({
  id: row._id.toString(),
  width: row.width,
  height: row.height,
});

/**
 * Problem-report photos: upload (checked, re-encoded, stored), reading with the
 * community's access rule, attaching to a filed issue, and the sweep of the ones
 * never attached. No transactions (the embedded FerretDB has none): rows are written
 * before their bytes and removed after them, and claims are conditional updates.
 */
export function createPhotoService(deps: PhotoServiceDeps) {
  const { IssuePhoto } = deps.models;
  const now = deps.now ?? (() => new Date());
  /** Photos decoded at once by this node. */
  const decoding = createSlots(deps.decodeSlots ?? 2);

  async function deleteBytes(photoId: string) {
    const keys = photoKeys(photoId);
    await Promise.all([deps.storage.delete(keys.image), deps.storage.delete(keys.thumb)]);
  }

  /** Throws NOT_FOUND unless the user is an active member of the community (as every command answers outsiders). */
  async function requireUploader(userId: string, communityId: string): Promise<void> {
    if (!isObjectId(communityId)) throw notFound('Community');
    if (!(await deps.memberships.get(communityId, userId))) throw notFound('Community');
  }

  return {
    requireUploader,

    /**
     * Checks and re-encodes every file first: one bad file refuses the whole upload
     * and nothing is stored. Then writes the rows, then the bytes; if storing fails,
     * removes what it wrote (what a crash leaves is an unattached row, which the sweep removes).
     */
    async upload(userId: string, communityId: string, files: UploadedFile[]): Promise<PhotoSummary[]> {
      await requireUploader(userId, communityId);
      if (files.length === 0) throw refuse('Attach at least one photo');
      if (files.length > PHOTO_LIMITS.files) throw refuse(`At most ${PHOTO_LIMITS.files} photos at a time`);
      // One at a time per upload, and a few at a time per node: each decode may take a few hundred MB.
      const processed: ProcessedPhoto[] = [];
      for (const file of files) processed.push(await decoding(() => processPhoto(file.bytes, file.name)));

      const createdAt = now();
      const rows = await IssuePhoto.insertMany(
        processed.map((photo) => ({
          communityId,
          uploaderId: userId,
          issueId: null,
          width: photo.width,
          height: photo.height,
          bytes: photo.image.length,
          thumbBytes: photo.thumb.length,
          contentType: photo.contentType,
          createdAt,
        })),
      );
      const ids = rows.map((row) => row._id.toString());
      // Every put settles before any cleanup: a put still running would write its bytes after it.
      const puts = await Promise.allSettled(
        processed.map(async (photo, i) => {
          const keys = photoKeys(ids[i]!);
          await deps.storage.put(keys.image, photo.image, photo.contentType);
          await deps.storage.put(keys.thumb, photo.thumb, photo.contentType);
        }),
      );
      const failed = puts.find((put): put is PromiseRejectedResult => put.status === 'rejected');
      if (failed) {
        try {
          await Promise.all(ids.map(deleteBytes));
          await IssuePhoto.deleteMany({ _id: op({ $in: ids }) });
        } catch (cleanupErr) {
          deps.log?.warn({ err: cleanupErr }, 'removing a failed photo upload failed; the sweep will');
        }
        throw failed.reason;
      }
      return rows.map((row) => presentPhoto(row));
    },

    /**
     * The bytes of a photo (or its thumbnail) for userId: an attached photo to active
     * members of its community, an unattached one to its uploader only. Anyone else,
     * and any id that does not exist, gets the same NOT_FOUND.
     */
    async read(userId: string, photoId: string, variant: PhotoVariant): Promise<StoredPhoto> {
      if (!isObjectId(photoId)) throw notFound('Photo');
      const row = await IssuePhoto.findOne({ _id: photoId }, { communityId: 1, uploaderId: 1, issueId: 1, deletingAt: 1 }).lean();
      if (!row || row.deletingAt) throw notFound('Photo');
      const allowed = row.issueId
        ? Boolean(await deps.memberships.get(row.communityId.toString(), userId))
        : row.uploaderId.toString() === userId;
      if (!allowed) throw notFound('Photo');
      const stored = await deps.storage.get(photoKeys(photoId)[variant]);
      if (!stored) throw notFound('Photo bytes');
      return stored;
    },

    /**
     * Attaches the uploader's unattached photos of the issue's community to the issue,
     * all or none: VALIDATION_FAILED (naming the refused ones) when any does not exist,
     * is someone else's, of another community or attached already. Each photo is
     * claimed by one conditional update; when one claim fails, the ones this call
     * claimed are released again. Returns them in the order given.
     */
    async attach(photoIds: string[], issue: { id: string; communityId: string }, uploaderId: string): Promise<PhotoSummary[]> {
      if (photoIds.length === 0) return [];
      if (!isObjectId(issue.id) || !isObjectId(issue.communityId) || !isObjectId(uploaderId)) throw new Error('attach: invalid issue, community or uploader id');
      if (photoIds.length > PHOTO_LIMITS.files) throw refuse(`At most ${PHOTO_LIMITS.files} photos per issue`);
      if (new Set(photoIds).size !== photoIds.length) throw refuse('A photo is listed twice');
      const unusable = (i: number) => ({ path: `photoIds.${i}`, message: 'not one of your unattached photos in this community' });
      const malformed = photoIds.flatMap((id, i) => (isObjectId(id) ? [] : [unusable(i)]));
      if (malformed.length > 0) throw refuse('Some photos cannot be attached', malformed);

      // A read first, so the usual refusals write nothing; the claims below settle races.
      const rows = await IssuePhoto.find({ _id: op({ $in: photoIds }) }).lean();
      const byId = new Map(rows.map((row) => [row._id.toString(), row]));
      const usable = (row: (typeof rows)[number] | undefined) =>
        row !== undefined &&
        !row.issueId &&
        !row.deletingAt &&
        row.uploaderId.toString() === uploaderId &&
        row.communityId.toString() === issue.communityId;
      const refused = photoIds.flatMap((id, i) => (usable(byId.get(id)) ? [] : [unusable(i)]));
      if (refused.length > 0) throw refuse('Some photos cannot be attached', refused);

      // One at a time in id order, stopping at the first refusal: two calls racing for the
      // same photos meet at the same first one, so exactly one of them gets them all.
      const claimed: string[] = [];
      let refusedId: string | null = null;
      try {
        for (const id of [...photoIds].sort()) {
          const claim = await IssuePhoto.updateOne(
            { _id: id, uploaderId, communityId: issue.communityId, issueId: null, deletingAt: null },
            { $set: { issueId: issue.id } },
          );
          if (claim.modifiedCount !== 1) {
            refusedId = id;
            break;
          }
          claimed.push(id);
        }
      } finally {
        if (claimed.length < photoIds.length) {
          // Only the ones this call claimed: once claimed, nobody else can have changed them.
          await Promise.all(claimed.map((id) => IssuePhoto.updateOne({ _id: id, issueId: issue.id }, { $set: { issueId: null } })));
        }
      }
      if (refusedId !== null) throw refuse('Some photos cannot be attached', [unusable(photoIds.indexOf(refusedId))]);
      return photoIds.map((id) => presentPhoto(byId.get(id)!));
    },

    /**
     * Undoes attach for an issue that was not stored after all (the photos become the
     * uploader's unattached ones again, and are swept if never used).
     */
    async detachAll(issueId: string): Promise<void> {
      if (!isObjectId(issueId)) return;
      await IssuePhoto.updateMany({ issueId }, { $set: { issueId: null } });
    },

    /** Undoes an attach of these photos whose issue change did not happen (they become the uploader's drafts again). */
    async release(photoIds: string[], uploaderId: string): Promise<void> {
      const valid = photoIds.filter(isObjectId);
      if (valid.length === 0 || !isObjectId(uploaderId)) return;
      await IssuePhoto.updateMany({ _id: op({ $in: valid }), uploaderId }, { $set: { issueId: null } });
    },

    /** The photos of an issue, in upload order. */
    async photosOf(issueId: string): Promise<PhotoSummary[]> {
      if (!isObjectId(issueId)) return [];
      const rows = await IssuePhoto.find({ issueId }, { width: 1, height: 1, createdAt: 1 }).sort({ createdAt: 1, _id: 1 }).lean();
      return rows.map((row) => presentPhoto(row));
    },

    /**
     * Deletes photos still unattached that were uploaded before olderThan, bytes
     * first: each is marked (so it can no longer be attached), its bytes deleted,
     * then its row. A photo attached meanwhile is kept; one interrupted halfway is
     * finished by the next sweep (any node).
     */
    async sweepUnattached(olderThan: Date, batch = 500): Promise<{ removed: number }> {
      const stale = await IssuePhoto.find({ issueId: null, createdAt: op({ $lt: olderThan }) }, { _id: 1 })
        .limit(batch)
        .lean();
      let removed = 0;
      for (const { _id } of stale) {
        const mark = await IssuePhoto.updateOne({ _id, issueId: null }, { $set: { deletingAt: now() } });
        if (mark.matchedCount === 0) continue;
        await deleteBytes(_id.toString());
        const gone = await IssuePhoto.deleteOne({ _id, issueId: null });
        removed += gone.deletedCount;
      }
      return { removed };
    },
  };
}

export type PhotoService = ReturnType<typeof createPhotoService>;
