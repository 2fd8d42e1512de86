import { Router, type NextFunction, type Request, type Response } from 'express';
import { ok } from '@linli/shared';
import { AppError } from '../../lib/errors.js';
import type { Limiter } from '../../lib/rate-limit.js';
import type { AuthService } from '../../auth/auth.service.js';
import { readSessionToken } from '../../auth/cookies.js';
import { PHOTO_LIMITS } from './image.js';
import { maxBodyBytes, readUpload, type UploadLimits } from './multipart.js';
import type { PhotoService, PhotoVariant } from './photo.service.js';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);

export interface PhotoRouteDeps {
  auth: Pick<AuthService, 'resolveSession'>;
  photos: PhotoService;
  /** Upload requests per user (rate-limiter-flexible, shared across nodes through Redis). */
  uploads: Limiter;
}

const uploadLimits: UploadLimits = { field: 'photos', files: PHOTO_LIMITS.files, fileBytes: PHOTO_LIMITS.bytes };

/** Photos may change hands only through their rules: private caches only, served as the type we stored. */
const imageHeaders = (contentType: string) => ({
  'Content-Type': contentType,
  'Cache-Control': 'private, max-age=86400',
  'X-Content-Type-Options': 'nosniff',
  'Content-Disposition': 'inline',
});

/**
 * Problem-report photos over HTTP (mounted at /api/issues/photos):
 * - POST /?communityId=<id>  multipart/form-data, field `photos`, 1..6 JPEG/PNG/WebP files of at most 5 MB
 *   -> { ok: true, data: [{ id, width, height }] }
 * - GET /:id, GET /:id/thumb  the stored JPEG (re-encoded, without metadata) and its thumbnail
 * Signed in by the session cookie (as the socket handshake). Outsiders of the community get NOT_FOUND.
 */
export function photoRoutes(deps: PhotoRouteDeps) {
  const router = Router();

  async function callerId(req: Request): Promise<string> {
    const session = await deps.auth.resolveSession(readSessionToken(req.headers.cookie));
    if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in');
    return session.user.id;
  }

  router.post(
    '/',
    wrap(async (req, res) => {
      const userId = await callerId(req);
      const communityId = typeof req.query.communityId === 'string' ? req.query.communityId : '';
      await deps.photos.requireUploader(userId, communityId);
      await deps.uploads.consume(userId);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes(uploadLimits)) {
        // Not worth reading: answer and close instead.
        res.set('Connection', 'close');
        throw new AppError('VALIDATION_FAILED', `The upload is larger than ${PHOTO_LIMITS.files} photos of 5 MB`);
      }
      let files;
      try {
        files = await readUpload(req, uploadLimits);
      } catch (err) {
        if (!req.complete) res.set('Connection', 'close');
        throw err;
      }
      res.json(ok(await deps.photos.upload(userId, communityId, files)));
    }),
  );

  const serve = (variant: PhotoVariant) =>
    wrap(async (req, res) => {
      const userId = await callerId(req);
      const photo = await deps.photos.read(userId, String(req.params.id), variant);
      res.set(imageHeaders(photo.contentType)).send(photo.bytes);
    });
  router.get('/:id', serve('image'));
  router.get('/:id/thumb', serve('thumb'));

  return router;
}
