import { capability } from '../capability.js';
import type { SmsService } from './sms.service.js';

export const smsCapability = (sms: SmsService) =>
  capability('sms', {
    'sms:get': (caller, input) => sms.get(caller, input),
    'sms:set': (caller, input) => sms.set(caller, input),
    'sms:list': (caller, input) => sms.list(caller, input),
    'sms:setSmsOnly': (caller, input) => sms.setSmsOnly(caller, input),
    'sms:register': (caller, input) => sms.register(caller, input),
    'sms:setAssistContact': (caller, input) => sms.setAssistContact(caller, input),
  });
