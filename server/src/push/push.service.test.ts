import { describe, expect, it } from 'vitest';
import { pathOf } from './push.service.js';

const C = 'a1b2c3d4e5f60718293a4b5c';
const X = 'ffffffffffffffffffffffff';
const none = { channelId: null, messageId: null, issueId: null, subjectId: null };

describe('the page a push opens', () => {
  it.each([
    ['a mention: the message in its channel', { ...none, kind: 'mention', channelId: X, messageId: C }, `/c/${C}/channels/${X}?message=${C}`],
    ['a reply', { ...none, kind: 'reply', channelId: X, messageId: C }, `/c/${C}/channels/${X}?message=${C}`],
    ['a problem report', { ...none, kind: 'issue', issueId: X }, `/c/${C}/issues/${X}`],
    ['a poll', { ...none, kind: 'poll', subjectId: X }, `/c/${C}/polls/${X}`],
    ['a decision', { ...none, kind: 'decision', subjectId: X }, `/c/${C}/decisions/${X}`],
    ['a deliberation', { ...none, kind: 'deliberation', subjectId: X }, `/c/${C}/deliberations/${X}`],
    ['a survey', { ...none, kind: 'survey', subjectId: X }, `/c/${C}/surveys/${X}`],
    ['an activity', { ...none, kind: 'activity', subjectId: X }, `/c/${C}/activities/${X}`],
    ['a moderated message', { ...none, kind: 'moderation', channelId: X, messageId: C }, `/c/${C}/channels/${X}?message=${C}`],
    ['a ban notice with nothing to open', { ...none, kind: 'moderation' }, `/c/${C}`],
    ['a lifted ban: the picker', { ...none, kind: 'unban' }, '/'],
  ] as const)('%s', (_what, notification, path) => {
    expect(pathOf({ communityId: C, ...notification })).toBe(path);
  });
});
