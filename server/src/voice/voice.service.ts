import { can, type VoiceClip, type VoiceContentType, type VoiceRef } from '@linli/shared';
import type { Logger } from '../lib/logger.js';
import { AppError, notFound } from '../lib/errors.js';
import { isObjectId, objectId, op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import { loadAccess, type AccessDeps } from '../context/access.js';
import type { ChannelCache } from '../channels/channel-cache.js';
import { presentChannel } from '../channels/channel.service.js';
import type { PhotoStorage, StoredPhoto } from '../issues/photos/storage.js';
import type { UploadedFile } from '../issues/photos/multipart.js';
import { createSlots } from '../issues/photos/image.js';
import { checkVoice } from './audio.js';
import type { VoiceClipDoc } from './voice.model.js';

/** Storage key of a clip's bytes (in the photo storage, beside the photos). */
export const voiceKey = (clipId: string) => `voice-${clipId}`;

/** Unattached clips older than this are swept (recorded, never sent). */
export const UNATTACHED_VOICE_TTL_MS = 24 * 3600_000;

export interface VoiceServiceDeps extends AccessDeps {
  channelCache: ChannelCache;
  storage: PhotoStorage;
  log?: Pick<Logger, 'warn'>;
  now?: () => Date;
}

const unusable = (path: string) =>
  new AppError('VALIDATION_FAILED', 'That recording cannot be used', { issues: [{ path, message: 'not one of your unused recordings in this community' }] });

export const presentVoice = (row: Pick<VoiceClipDoc, '_id' | 'durationMs'>): VoiceRef => ({ id: row._id.toString(), durationMs: row.durationMs });

/**
 * Voice clips: upload (checked by content, stored in the photo storage), reading under
 * the rule of what the clip is attached to, attaching to a message or a problem report
 * (by its uploader, once: a conditional update claims it), and the sweep of clips never
 * used. Rows before bytes on upload; bytes before rows on removal (as photos).
 */
export function createVoiceService(deps: VoiceServiceDeps) {
  const { VoiceClip } = deps.models;
  const now = deps.now ?? (() => new Date());
  /** Clips parsed at once by this node (each is at most 1 MB, so this only bounds bursts). */
  const checking = createSlots(4);

  async function requireUploader(caller: Caller, communityId: string): Promise<void> {
    if (!isObjectId(communityId)) throw notFound('Community');
    await loadAccess(deps, caller, communityId);
  }

  /** Whether the caller may hear a clip attached to a message: sees the channel, and the message is visible (hidden ones: moderators only). */
  async function mayHearMessageClip(caller: Caller, row: VoiceClipDoc): Promise<boolean> {
    const message = await deps.models.Message.findOne({ _id: row.messageId }, { state: 1, channelId: 1 }).lean();
    if (!message) return false;
    const doc = await deps.channelCache.get(message.channelId.toString());
    if (!doc) return false;
    const channel = presentChannel(doc);
    const access = await deps.actors.in(caller, channel.communityId);
    if (!access.membership && !caller.isPlatformAdmin) return false;
    if (!can(access.actor, 'channel.view', channel)) return false;
    if (message.state === 'visible') return true;
    // A hidden message's recording stays for the moderators who review it; a deleted one is gone for everyone.
    return message.state === 'hidden' && can(access.actor, 'message.moderate');
  }

  return {
    requireUploader,

    /** Checks one clip and stores it; answers it with its measured duration. Nothing is stored on a refusal. */
    async upload(caller: Caller, communityId: string, file: UploadedFile): Promise<VoiceClip> {
      await requireUploader(caller, communityId);
      const checked = await checking(() => checkVoice(file.bytes));
      const row = await VoiceClip.create({
        communityId,
        uploaderId: caller.userId,
        contentType: checked.contentType,
        bytes: file.bytes.length,
        durationMs: checked.durationMs,
        createdAt: now(),
      });
      const id = row._id.toString();
      try {
        await deps.storage.put(voiceKey(id), file.bytes, checked.contentType);
      } catch (err) {
        await VoiceClip.deleteOne({ _id: row._id }).catch((cleanupErr: unknown) => deps.log?.warn({ err: cleanupErr }, 'removing a failed voice upload failed; the sweep will'));
        throw err;
      }
      return { id, durationMs: checked.durationMs, contentType: checked.contentType as VoiceContentType, bytes: file.bytes.length };
    },

    /**
     * The bytes of a clip for the caller: an unattached clip to its uploader only; one
     * on a message to who sees its channel while the message is visible (a hidden one
     * to moderators only, a deleted one to no one); one on a problem report to members
     * of its community. Anyone else, and ids that do not exist: the same NOT_FOUND.
     */
    async read(caller: Caller, clipId: string): Promise<StoredPhoto> {
      if (!isObjectId(clipId)) throw notFound('Voice');
      const row = (await VoiceClip.findOne({ _id: clipId }).lean()) as VoiceClipDoc | null;
      if (!row || row.deletingAt) throw notFound('Voice');
      let allowed: boolean;
      if (row.messageId) allowed = await mayHearMessageClip(caller, row);
      else if (row.issueId) allowed = Boolean(await deps.memberships.get(row.communityId.toString(), caller.userId)) || caller.isPlatformAdmin;
      else allowed = row.uploaderId.toString() === caller.userId;
      if (!allowed) throw notFound('Voice');
      const stored = await deps.storage.get(voiceKey(clipId));
      if (!stored) throw notFound('Voice bytes');
      return stored;
    },

    /**
     * Claims the uploader's unused clip of this community for a message (its id is known
     * before it is stored: derived from author and client id). A retried send claiming
     * it for the same message again succeeds. VALIDATION_FAILED (path `voice.id`) otherwise.
     */
    async claimForMessage(clipId: string, at: { uploaderId: string; communityId: string; messageId: string; channelId: string }): Promise<VoiceRef> {
      if (!isObjectId(clipId)) throw unusable('voice.id');
      const base = { _id: clipId, uploaderId: at.uploaderId, communityId: at.communityId, issueId: null, deletingAt: null };
      const claim = await VoiceClip.updateOne({ ...base, messageId: null }, { $set: { messageId: at.messageId, channelId: at.channelId } });
      if (claim.modifiedCount !== 1) {
        const again = await VoiceClip.findOne({ ...base, messageId: at.messageId }).lean();
        if (!again) throw unusable('voice.id');
        return presentVoice(again as VoiceClipDoc);
      }
      const row = (await VoiceClip.findOne({ _id: clipId }).lean()) as VoiceClipDoc;
      return presentVoice(row);
    },

    /** Gives the clip back (the message it was claimed for was not stored). */
    async releaseFromMessage(clipId: string, messageId: string): Promise<void> {
      if (!isObjectId(clipId)) return;
      await VoiceClip.updateOne({ _id: clipId, messageId }, { $set: { messageId: null, channelId: null } });
    },

    /** Claims the uploader's unused clip for a filed problem report (its spoken description). */
    async attachToIssue(clipId: string, at: { uploaderId: string; communityId: string; issueId: string }): Promise<VoiceRef> {
      if (!isObjectId(clipId)) throw unusable('voice.id');
      const claim = await VoiceClip.updateOne(
        { _id: clipId, uploaderId: at.uploaderId, communityId: at.communityId, messageId: null, issueId: null, deletingAt: null },
        { $set: { issueId: objectId(at.issueId) } },
      );
      if (claim.modifiedCount !== 1) throw unusable('voice.id');
      return presentVoice((await VoiceClip.findOne({ _id: clipId }).lean()) as VoiceClipDoc);
    },

    /** Undoes attachToIssue for a report that was not stored after all. */
    async detachIssue(issueId: string): Promise<void> {
      if (!isObjectId(issueId)) return;
      await VoiceClip.updateMany({ issueId }, { $set: { issueId: null } });
    },

    /** Deletes unattached clips uploaded before olderThan: marked, bytes deleted, then the row (as photos). */
    async sweepUnattached(olderThan: Date, batch = 500): Promise<{ removed: number }> {
      const stale = await VoiceClip.find({ messageId: null, issueId: null, createdAt: op({ $lt: olderThan }) }, { _id: 1 }).limit(batch).lean();
      let removed = 0;
      for (const { _id } of stale) {
        const mark = await VoiceClip.updateOne({ _id, messageId: null, issueId: null }, { $set: { deletingAt: now() } });
        if (mark.matchedCount === 0) continue;
        await deps.storage.delete(voiceKey(_id.toString()));
        const gone = await VoiceClip.deleteOne({ _id, messageId: null, issueId: null });
        removed += gone.deletedCount;
      }
      return { removed };
    },
  };
}

export type VoiceService = ReturnType<typeof createVoiceService>;
