/**
 * Every action the audit log records: a closed list, so the server cannot
 * record a name the audit screen does not know, and the screen has a label for each.
 */
export const auditActions = [
  'community.create',
  'community.update',
  'community.rotateInviteCode',
  'joinRequest.approve',
  'joinRequest.reject',
  'member.setRole',
  'member.ban',
  'member.unban',
  'member.mute',
  'member.unmute',
  'household.verify',
  'household.reject',
  'organisation.create',
  'organisation.update',
  'organisation.addStaff',
  'organisation.removeStaff',
  'organisation.remove',
  'channel.create',
  'channel.update',
  'channel.archive',
  'channel.restore',
  'message.delete',
  'message.hide',
  'report.dismiss',
  'open311.setJurisdiction',
  'open311.createKey',
  'open311.revokeKey',
  'deliberation.open',
  'deliberation.reject',
  'deliberation.close',
  'deliberation.configure',
  'poll.create',
  'poll.update',
  'poll.close',
  'poll.castFor',
  'decision.record',
  'decision.addItem',
  'decision.editItem',
  'decision.abandonItem',
] as const;

export type AuditAction = (typeof auditActions)[number];

export const isAuditAction = (v: string): v is AuditAction => (auditActions as readonly string[]).includes(v);
