/**
 * The GeoReport v2 arguments, validated with zod. Query strings and form bodies
 * carry strings (a repeated argument is an array); an empty argument is the same
 * as an absent one ("Optional Arguments" in the spec).
 */
import { z } from 'zod';
import { ISSUE_LIMITS } from '@linli/shared';

/** Absent or empty: undefined. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const once = (what = 'must be given once, as text') => z.string({ error: what });
const noControl = /^[^\p{Cc}]*$/u;
// Tab and newlines are allowed in descriptions.
// eslint-disable-next-line no-control-regex
const noControlButLines = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/;
const line = (max: number) => once().trim().max(max, `must be at most ${max} characters`).regex(noControl, 'must not contain control characters');

/** Comma lists that may also be repeated (`status=open,closed` or `status=open&status=closed`). */
const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((value) => {
    if (value === undefined) return undefined;
    const parts = [value]
      .flat()
      .map((part) => (typeof part === 'string' ? part : ''))
      .flatMap((part) => part.split(','))
      .map((part) => part.trim())
      .filter(Boolean);
    return parts.length > 0 ? parts : undefined;
  }, z.array(item).max(max, `at most ${max} values`).optional());

const objectId = (what: string) => z.string().regex(/^[a-f0-9]{24}$/, `${what} is not one this server issued`);

/** W3C datetime with its time zone, as the spec requires: 2010-01-01T00:00:00Z. */
const w3Date = once().pipe(z.iso.datetime({ offset: true, error: 'must be a W3C datetime with a time zone, e.g. 2010-01-01T00:00:00Z' }));

const coordinate = (min: number, max: number) =>
  z
    .union([z.number(), once('must be a decimal number').trim().regex(/^[-+]?\d{1,3}(\.\d+)?$/, 'must be a decimal number').transform(Number)], { error: 'must be a decimal number' })
    .pipe(z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`));

/** jurisdiction_id: required here, since this endpoint serves every Linli community. */
export const jurisdictionParam = optional(once().trim().toLowerCase().max(100, 'is not a jurisdiction of this server'));

export const jurisdictionQuery = z.object({ jurisdiction_id: jurisdictionParam });

/** GET requests: the spec's filters (unknown arguments, such as other servers' extensions, are ignored). */
export const requestsQuery = z.object({
  jurisdiction_id: jurisdictionParam,
  service_request_id: listOf(objectId('service_request_id'), 200),
  service_code: listOf(objectId('service_code'), 100),
  start_date: optional(w3Date),
  end_date: optional(w3Date),
  status: listOf(z.enum(['open', 'closed'], { error: 'must be open or closed' }), 10),
});

export const apiKeyParam = z.object({ api_key: optional(once().max(200, 'is not a valid key')) });

/** POST requests, form-encoded. `attribute[...]` is ignored: no service has attributes (metadata false). */
export const postRequestBody = z
  .object({
    api_key: optional(once()),
    jurisdiction_id: jurisdictionParam,
    service_code: optional(once().trim()),
    lat: optional(coordinate(-90, 90)),
    long: optional(coordinate(-180, 180)),
    address_string: optional(line(120)),
    address_id: optional(line(100)),
    email: optional(once().trim().max(254).pipe(z.email('must be an email address'))),
    device_id: optional(line(100)),
    account_id: optional(line(100)),
    first_name: optional(line(40)),
    last_name: optional(line(40)),
    phone: optional(once().trim().regex(/^\+?[\d\s().-]{3,30}$/, 'must be a phone number')),
    description: optional(once().trim().max(ISSUE_LIMITS.description.max, `must be at most ${ISSUE_LIMITS.description.max} characters`).regex(noControlButLines, 'must not contain control characters')),
    media_url: optional(once().trim().max(500, 'must be at most 500 characters').pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }))),
  })
  .superRefine((body, ctx) => {
    if (body.service_code === undefined) ctx.addIssue({ code: 'custom', path: ['service_code'], message: 'was not provided' });
    if ((body.lat === undefined) !== (body.long === undefined)) {
      ctx.addIssue({ code: 'custom', path: [body.lat === undefined ? 'lat' : 'long'], message: 'lat and long must be sent together' });
    } else if (body.lat === undefined && body.address_string === undefined) {
      const message = body.address_id !== undefined ? 'address_id is not supported here: send lat and long, or address_string' : 'a location is required: lat and long, or address_string';
      ctx.addIssue({ code: 'custom', path: ['location'], message });
    }
  });

export type PostRequestBody = z.output<typeof postRequestBody>;

/** Tokens are what POST minted: base64url. */
export const tokenParam = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const requestIdParam = z.string().regex(/^[a-f0-9]{24}$/);
