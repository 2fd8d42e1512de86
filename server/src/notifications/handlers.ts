import { capability } from '../capability.js';
import type { NotificationService } from './notification.service.js';

export const notificationsCapability = (notifications: NotificationService) =>
  capability('notifications', {
    'notification:list': (caller, p) => notifications.list(caller, p),
    'notification:markRead': (caller, p) => notifications.markRead(caller, p),
  });
