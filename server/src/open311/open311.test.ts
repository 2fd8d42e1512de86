import { describe, expect, it } from 'vitest';
import { postRequestBody, requestsQuery } from './schemas.js';
import { open311Status, statesFor } from './presenters.js';
import { splitFormat, toXml } from './format.js';

const messages = (input: unknown) => {
  const parsed = postRequestBody.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('open311 arguments', () => {
  it('reports every problem of a POST at once, the cross-field ones included', () => {
    const problems = messages({ lat: '91', email: 'nope', phone: 'x' });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^lat: must be between/), expect.stringMatching(/^email:/), expect.stringMatching(/^phone:/), 'service_code: was not provided']),
    );
    expect(messages({ service_code: 'a', lat: '10' })).toEqual(['long: lat and long must be sent together']);
    expect(messages({ service_code: 'a' })).toEqual(['location: a location is required: lat and long, or address_string']);
    expect(messages({ service_code: 'a', address_id: '42' })).toEqual(['location: address_id is not supported here: send lat and long, or address_string']);
    expect(messages({ service_code: 'a', lat: '22.5', long: '113.9' })).toEqual([]);
    expect(messages({ service_code: 'a', address_string: '3栋 东门', lat: '', long: '' })).toEqual([]);
    expect(messages({ service_code: ['a', 'b'], address_string: 'x' })).toEqual(['service_code: must be given once, as text']);
    expect(messages({ service_code: 'a', address_string: 'x', media_url: 'javascript:alert(1)' })).toEqual(['media_url: must be an http or https URL']);
  });

  it('takes comma lists and repeated arguments; empty ones count as absent', () => {
    const parsed = requestsQuery.parse({ status: ['open', 'closed'], service_code: 'a1b2c3d4e5f60718293a4b5c,ffffffffffffffffffffffff', start_date: '', jurisdiction_id: 'TaoYuan' });
    expect(parsed).toMatchObject({ status: ['open', 'closed'], service_code: ['a1b2c3d4e5f60718293a4b5c', 'ffffffffffffffffffffffff'], jurisdiction_id: 'taoyuan' });
    expect(parsed.start_date).toBeUndefined();
    expect(requestsQuery.safeParse({ status: 'pending' }).success).toBe(false);
    expect(requestsQuery.safeParse({ start_date: '2026-01-01' }).success).toBe(false);
    expect(requestsQuery.safeParse({ start_date: '2026-01-01T00:00:00+08:00' }).success).toBe(true);
  });
});

describe('open311 status', () => {
  it('resolved stays open until confirmed; confirmed, rejected and merged are closed', () => {
    expect(statesFor('closed').sort()).toEqual(['confirmed', 'merged', 'rejected']);
    expect(open311Status('resolved')).toBe('open');
  });
});

describe('open311 XML', () => {
  it('declares UTF-8, escapes text, and repeats list elements', () => {
    const xml = toXml('services', { service: [{ service_code: 'a', service_name: '<b>&"', metadata: false }, { service_code: 'b', service_name: null, metadata: true }] });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<service_name>&lt;b&gt;&amp;"</service_name>');
    expect(xml.match(/<service>/g)).toHaveLength(2);
    expect(xml).toContain('<service_name/>');
    expect(xml).toContain('<metadata>false</metadata>');
  });

  it('reads the format from the extension only', () => {
    expect(splitFormat('requests.xml')).toEqual({ name: 'requests', format: 'xml' });
    expect(splitFormat('a1.b2.JSON')).toEqual({ name: 'a1.b2', format: 'json' });
    expect(splitFormat('requests')).toBeNull();
    expect(splitFormat('requests.html')).toBeNull();
  });
});
