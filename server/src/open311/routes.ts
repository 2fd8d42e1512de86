/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), mounted at /open311/v2:
 *
 *   GET  discovery.{xml|json}                    service discovery
 *   GET  services.{fmt}?jurisdiction_id=         the community's issue categories
 *   GET  services/{service_code}.{fmt}           a service definition (no attributes: metadata is false)
 *   POST requests.{fmt}                          file a problem report (form-encoded, api_key)
 *   GET  requests.{fmt}?jurisdiction_id=&...     service_request_id | service_code, start_date, end_date, status
 *   GET  requests/{service_request_id}.{fmt}     one request
 *   GET  tokens/{token}.{fmt}                    the request a POST created
 *
 * Each community that has set a jurisdiction_id is one jurisdiction. No cookie is
 * read here: reads are public (as the spec has them) and filings are authorised by
 * the community's API key alone, so app.ts lets cross-origin writes through to
 * this router only, and every answer carries `Access-Control-Allow-Origin: *`.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { ISSUE_LIMITS } from '@linli/shared';
import { AppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { LimiterFactory } from '../lib/rate-limit.js';
import { sendErrors, sendList, sendObject, splitFormat, type Format, type Open311ErrorEntry } from './format.js';
import type { Jurisdiction, Open311Service } from './open311.service.js';
import { SPECIFICATION, categoryNotice, presentRequest, presentService, w3 } from './presenters.js';
import { apiKeyParam, jurisdictionQuery, postRequestBody, requestIdParam, requestsQuery, tokenParam, type PostRequestBody } from './schemas.js';

const DAY = 86_400_000;

/** The spec's response volume: a span of 90 days or the first 1000 requests, whichever is smaller. */
export const OPEN311_QUERY = { spanDays: 90, maxRequests: 1000 } as const;

export const OPEN311_RATES = {
  /** Filings per API key and hour, across nodes. */
  postsPerKeyPerHour: 300,
  /** POSTs per client address per 10 minutes (wrong keys included: guessing is slow). */
  postsPerIpPer10Min: 120,
  /** Reads per client address per 10 minutes. */
  readsPerIpPer10Min: 1200,
} as const;

/** An answer in the spec's error format: the HTTP status and the list of {code, description}. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly Open311ErrorEntry[],
  ) {
    super(errors.map((entry) => entry.description).join('; '));
  }
}

const badRequest = (description: string) => new Open311Error(400, [{ code: 400, description }]);
const notFoundError = (description: string) => new Open311Error(404, [{ code: 404, description }]);

/** Zod issues as Open311 errors, one per problem: `lat: must be between -90 and 90`. */
function parse<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new Open311Error(
    400,
    parsed.error.issues.map((issue) => ({ code: 400, description: issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message })),
  );
}

export interface Open311RouteDeps {
  open311: Open311Service;
  limiter: LimiterFactory;
  log: Logger;
  /** The public origin (the first of ALLOWED_ORIGINS); null: the request's own. */
  publicOrigin: string | null;
  clock: () => Date;
}

type Handler = (req: Request, res: Response, format: Format) => Promise<void>;

export function open311Routes(deps: Open311RouteDeps) {
  const { open311 } = deps;
  const router = Router();
  const postsByIp = deps.limiter({ name: 'open311-posts-ip', points: OPEN311_RATES.postsPerIpPer10Min, durationSeconds: 600 });
  const postsByKey = deps.limiter({ name: 'open311-posts-key', points: OPEN311_RATES.postsPerKeyPerHour, durationSeconds: 3600 });
  const readsByIp = deps.limiter({ name: 'open311-reads-ip', points: OPEN311_RATES.readsPerIpPer10Min, durationSeconds: 600 });

  /** The resource's format from its extension (`requests.xml`); anything else is a resource we do not have. */
  const route = (name: string, handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
    const split = splitFormat(String(req.params.file));
    if (!split || split.name !== name) return next();
    res.locals.format = split.format;
    handler(req, res, split.format).catch(next);
  };
  /** For `services/{code}.{fmt}` and the like: the id before the extension. */
  const item = (handler: (req: Request, res: Response, format: Format, id: string) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    const split = splitFormat(String(req.params.file));
    if (!split) return next();
    res.locals.format = split.format;
    handler(req, res, split.format, split.name).catch(next);
  };

  const readLimit = async (req: Request) => readsByIp.consume(req.ip ?? 'unknown');

  /** jurisdiction_id is required (this endpoint serves many); 404 when no community goes by it. */
  async function jurisdictionOf(jurisdictionId: string | undefined): Promise<Jurisdiction> {
    if (jurisdictionId === undefined) throw badRequest('jurisdiction_id was not provided');
    const jurisdiction = await open311.jurisdiction(jurisdictionId);
    if (!jurisdiction) throw notFoundError(`jurisdiction_id ${jurisdictionId} was not found`);
    return jurisdiction;
  }

  router.use((req, res, next) => {
    // Public data, and no cookie is ever read here: any origin may read the answers.
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    if (req.method === 'OPTIONS') {
      res.set({ 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '86400' }).status(204).end();
      return;
    }
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 }));

  router.get(
    '/:file',
    route('discovery', async (req, res, format) => {
      await readLimit(req);
      const changeset = w3(await open311.changeset());
      const url = `${deps.publicOrigin ?? `${req.protocol}://${req.get('host')}`}/open311/v2`;
      const contact = "Each Linli community's admins (社区管理员) answer for its reports and its API keys.";
      const keyService = 'API keys are issued per community by its admins in Linli (Open311 settings); a key files into its own community only.';
      const endpoint = { specification: SPECIFICATION, url, changeset, type: 'production' };
      const formats = ['text/xml', 'application/json'];
      sendObject(res, format, 'discovery', {
        json: { changeset, contact, key_service: keyService, endpoints: [{ ...endpoint, formats }] },
        xml: { changeset, contact, key_service: keyService, endpoints: { endpoint: [{ ...endpoint, formats: { format: formats } }] } },
      });
    }),
  );

  router.get(
    '/:file',
    route('services', async (req, res, format) => {
      await readLimit(req);
      const jurisdiction = await jurisdictionOf(parse(jurisdictionQuery, req.query).jurisdiction_id);
      const services = await open311.services(jurisdiction);
      sendList(res, format, 'services', 'service', services.map(({ category, group }) => presentService(category, group)));
    }),
  );

  router.get(
    '/services/:file',
    item(async (req, res, format, serviceCode) => {
      await readLimit(req);
      const jurisdiction = await jurisdictionOf(parse(jurisdictionQuery, req.query).jurisdiction_id);
      const category = requestIdParam.safeParse(serviceCode).success ? await open311.service(jurisdiction, serviceCode) : null;
      if (!category) throw notFoundError(`service_code ${serviceCode} was not found`);
      const code = category._id.toString();
      // metadata is false for every service: a definition without attributes.
      sendObject(res, format, 'service_definition', { json: { service_code: code, attributes: [] }, xml: { service_code: code, attributes: {} } });
    }),
  );

  router.get(
    '/:file',
    route('requests', async (req, res, format) => {
      await readLimit(req);
      const query = parse(requestsQuery, req.query);
      const jurisdiction = await jurisdictionOf(query.jurisdiction_id);
      const now = deps.clock();
      const span = OPEN311_QUERY.spanDays * DAY;
      const start = query.start_date ? new Date(query.start_date) : undefined;
      const end = query.end_date ? new Date(query.end_date) : undefined;
      if (start && end && end < start) throw badRequest('end_date: is before start_date');
      if (start && end && end.getTime() - start.getTime() > span) throw badRequest(`start_date and end_date may not span more than ${OPEN311_QUERY.spanDays} days`);
      // Without both, the span is 90 days from the one given, or the most recent 90 days.
      const to = end ?? (start ? new Date(start.getTime() + span) : now);
      const from = start ?? new Date(to.getTime() - span);
      const issues = await open311.requests(jurisdiction, {
        ...(query.service_request_id ? { ids: query.service_request_id } : {}),
        ...(query.service_code ? { serviceCodes: query.service_code } : {}),
        ...(query.status ? { statuses: query.status } : {}),
        from,
        to,
        limit: OPEN311_QUERY.maxRequests,
      });
      sendList(res, format, 'service_requests', 'request', issues.map(presentRequest));
    }),
  );

  router.get(
    '/requests/:file',
    item(async (req, res, format, id) => {
      await readLimit(req);
      const jurisdiction = await jurisdictionOf(parse(jurisdictionQuery, req.query).jurisdiction_id);
      const issue = requestIdParam.safeParse(id).success ? await open311.request(jurisdiction, id) : null;
      if (!issue) throw notFoundError(`service_request_id ${id} was not found`);
      sendList(res, format, 'service_requests', 'request', [presentRequest(issue)]);
    }),
  );

  router.get(
    '/tokens/:file',
    item(async (req, res, format, token) => {
      await readLimit(req);
      const jurisdiction = await jurisdictionOf(parse(jurisdictionQuery, req.query).jurisdiction_id);
      const found = tokenParam.safeParse(token).success ? await open311.token(jurisdiction, token) : null;
      if (!found) throw notFoundError(`token ${token} was not found`);
      sendList(res, format, 'service_requests', 'request', [{ service_request_id: found.issueId, token: found.token }]);
    }),
  );

  router.post(
    '/:file',
    route('requests', async (req, res, format) => {
      // Some clients (node-open311, for one) send jurisdiction_id in the query string of the POST.
      const body: unknown = { ...(req.query.jurisdiction_id !== undefined ? { jurisdiction_id: req.query.jurisdiction_id } : {}), ...((req.body as object | undefined) ?? {}) };
      await postsByIp.consume(req.ip ?? 'unknown');
      // The key first: without a valid one, nothing else is looked at (or told).
      const { api_key: apiKey } = parse(apiKeyParam, { api_key: (body as Record<string, unknown>).api_key });
      if (apiKey === undefined) throw new Open311Error(403, [{ code: 403, description: 'api_key was not provided' }]);
      const key = await open311.keyFor(apiKey);
      if (!key) throw new Open311Error(403, [{ code: 403, description: "Invalid api_key received -- can't proceed with create_request." }]);
      if (key.revokedAt) throw new Open311Error(403, [{ code: 403, description: 'This api_key was revoked' }]);
      await postsByKey.consume(key._id.toString());

      const parsed = postRequestBody.safeParse(body);
      const errors: Open311ErrorEntry[] = parsed.success
        ? []
        : parsed.error.issues.map((issue) => ({ code: 400, description: `${issue.path.join('.') || 'request'}: ${issue.message}` }));
      const given = (parsed.success ? parsed.data : {}) as Partial<PostRequestBody>;
      const rawJurisdiction = (body as Record<string, unknown>).jurisdiction_id;
      const jurisdictionId = given.jurisdiction_id ?? (typeof rawJurisdiction === 'string' && rawJurisdiction.trim() ? rawJurisdiction.trim().toLowerCase() : undefined);
      let jurisdiction: Jurisdiction | null = null;
      if (jurisdictionId === undefined) {
        errors.push({ code: 400, description: 'jurisdiction_id: was not provided' });
      } else {
        jurisdiction = await open311.jurisdiction(jurisdictionId);
        if (!jurisdiction) errors.push({ code: 404, description: `jurisdiction_id: ${jurisdictionId} was not found` });
        else if (jurisdiction.communityId !== key.communityId.toString()) {
          // A key files into its own community only.
          throw new Open311Error(403, [{ code: 403, description: `This api_key is not valid for jurisdiction_id ${jurisdictionId}` }]);
        }
      }
      const serviceCode = given.service_code ?? (typeof (body as Record<string, unknown>).service_code === 'string' ? String((body as Record<string, unknown>).service_code).trim() : undefined);
      const category = jurisdiction && serviceCode && requestIdParam.safeParse(serviceCode).success ? await open311.service(jurisdiction, serviceCode) : null;
      if (jurisdiction && serviceCode && !category) errors.push({ code: 404, description: `service_code: ${serviceCode} was not found` });
      if (errors.length > 0 || !parsed.success || !jurisdiction || !category) {
        // 404 when everything wrong is something that does not exist; 400 otherwise (the list names each problem).
        throw new Open311Error(errors.every((entry) => entry.code === 404) ? 404 : 400, errors);
      }

      const input = parsed.data;
      const media = input.media_url ? `\n\nMedia (sent by the Open311 client): ${input.media_url}` : '';
      const description = (input.description ?? '') + media;
      const { issue } = await open311.file(key, {
        categoryId: category._id.toString(),
        title: titleOf(input.description, category.name),
        description: description.trim(),
        location: {
          building: '',
          unit: '',
          text: input.address_string ?? '',
          lat: input.lat ?? null,
          lng: input.long ?? null,
        },
        // Only a first name, and only shown to staff: never a phone or an email.
        reporterName: `Open311: ${input.first_name ?? 'anonymous'}`,
      });
      // Realtime: the id at once (the spec: no token alongside it).
      sendList(res, format, 'service_requests', 'request', [{ service_request_id: issue._id.toString(), service_notice: categoryNotice(category), account_id: null }]);
    }),
  );

  router.use((req, res) => {
    const format = splitFormat(req.path.split('/').pop() ?? '')?.format ?? 'json';
    sendErrors(res, format, 404, [{ code: 404, description: 'No such Open311 resource (GeoReport v2: discovery, services, requests, tokens; .xml or .json)' }]);
  });

  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const format: Format = (res.locals.format as Format | undefined) ?? 'json';
    if (err instanceof Open311Error) return sendErrors(res, format, err.status, err.errors);
    if (err instanceof AppError && err.code === 'RATE_LIMITED') {
      res.set('Retry-After', String(err.extra.retryAfterSeconds ?? 60));
      return sendErrors(res, format, 429, [{ code: 429, description: 'Too many requests, try again later' }]);
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) return sendErrors(res, format, 400, [{ code: 400, description: 'Malformed or oversized request body' }]);
    deps.log.error({ err, path: req.path }, 'open311 request failed');
    // The spec's "general service error".
    sendErrors(res, format, 400, [{ code: 400, description: 'General service error: the request could not be processed, try again later' }]);
  });

  return router;
}

/** An issue's title from the description's first line (at most the title limit), or the service's name. */
function titleOf(description: string | undefined, serviceName: string): string {
  const firstLine = (description ?? '').split('\n')[0]!.trim();
  const chars = Array.from(firstLine);
  if (chars.length < 2) return serviceName;
  return chars.length > ISSUE_LIMITS.title.max ? `${chars.slice(0, ISSUE_LIMITS.title.max - 1).join('')}…` : firstLine;
}
