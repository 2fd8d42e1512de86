import { capability } from '../capability.js';
import type { AgendaService } from './agenda.service.js';

export const agendaCapability = (agenda: AgendaService) =>
  capability('agenda', {
    'agenda:get': (caller, input) => agenda.get(caller, input),
  });
