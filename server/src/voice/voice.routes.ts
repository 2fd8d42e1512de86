import { Router, type NextFunction, type Request, type Response } from 'express';
import { ok, VOICE_LIMITS } from '@linli/shared';
import { AppError } from '../lib/errors.js';
import type { Limiter } from '../lib/rate-limit.js';
import type { AuthService } from '../auth/auth.service.js';
import { readSessionToken } from '../auth/cookies.js';
import type { Caller } from '../context/caller.js';
import { maxBodyBytes, readUpload, type UploadLimits } from '../issues/photos/multipart.js';
import { refuseVoice } from './audio.js';
import type { VoiceService } from './voice.service.js';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);

export interface VoiceRouteDeps {
  auth: Pick<AuthService, 'resolveSession'>;
  voice: VoiceService;
  /** Upload requests per user (shared across nodes through Redis). */
  uploads: Limiter;
}

const uploadLimits: UploadLimits = { field: 'voice', files: 1, fileBytes: VOICE_LIMITS.bytes };

/** The multipart reader speaks of photos: say it of a recording, with the reason code where there is one. */
function asVoiceRefusal(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') return err;
  if (/larger than/.test(err.message)) return refuseVoice('too_large');
  if (/at least one/i.test(err.message)) return refuseVoice('empty', 'no file in the field "voice"');
  return new AppError('VALIDATION_FAILED', err.message.replace(/photos?/g, 'recording'), err.extra);
}

/**
 * Voice clips over HTTP (mounted at /api/voice), signed in by the session cookie:
 * - POST /?communityId=<id>  multipart/form-data, field `voice`, one Opus recording in WebM or Ogg,
 *   at most 1 MB and 60 s -> { ok: true, data: { id, durationMs, contentType, bytes } }
 * - GET /:id  the stored bytes, to whoever may hear them (voice.service.ts read)
 * Refusals: VALIDATION_FAILED with issues [{ path: 'voice', message: <VoiceRefusal> }].
 */
export function voiceRoutes(deps: VoiceRouteDeps) {
  const router = Router();

  async function callerOf(req: Request): Promise<Caller> {
    const session = await deps.auth.resolveSession(readSessionToken(req.headers.cookie));
    if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
    return { userId: session.user.id, sessionId: session.sessionId, displayName: session.user.displayName, isPlatformAdmin: session.user.isPlatformAdmin };
  }

  router.post(
    '/',
    wrap(async (req, res) => {
      const caller = await callerOf(req);
      const communityId = typeof req.query.communityId === 'string' ? req.query.communityId : '';
      await deps.voice.requireUploader(caller, communityId);
      await deps.uploads.consume(caller.userId);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes(uploadLimits)) {
        res.set('Connection', 'close');
        throw refuseVoice('too_large');
      }
      let files;
      try {
        files = await readUpload(req, uploadLimits);
      } catch (err) {
        if (!req.complete) res.set('Connection', 'close');
        throw asVoiceRefusal(err);
      }
      res.json(ok(await deps.voice.upload(caller, communityId, files[0]!)));
    }),
  );

  router.get(
    '/:id',
    wrap(async (req, res) => {
      const caller = await callerOf(req);
      const clip = await deps.voice.read(caller, String(req.params.id));
      res
        .set({
          'Content-Type': clip.contentType,
          'Cache-Control': 'private, no-cache', // a hidden message's recording must not play from a cache
          'X-Content-Type-Options': 'nosniff',
          'Content-Disposition': 'inline',
          'Accept-Ranges': 'none',
        })
        .send(clip.bytes);
    }),
  );

  return router;
}
