import { capability } from '../capability.js';
import type { NotificationService } from './notification.service.js';

export const notificationsCapability = (notifications: NotificationService) =>
  capability('notifications', {
    'notification:list': (caller, input) => notifications.list(caller, input),
    'notification:markRead': (caller, input) => notifications.markRead(caller, input),
  });
