import { capability } from '../capability.js';
import type { AuditService } from './audit.service.js';

export const auditCapability = (audit: AuditService) =>
  capability('audit', { 'audit:list': (caller, input) => audit.list(caller, input) });
