import { capability } from '../capability.js';
import type { ChannelService } from './channel.service.js';

export const channelsCapability = (channels: ChannelService) =>
  capability('channels', {
    'channel:list': (caller, p) => channels.list(caller, p),
    'channel:create': (caller, p) => channels.create(caller, p),
    'channel:update': (caller, p) => channels.update(caller, p),
    'channel:archive': (caller, p) => channels.archive(caller, p),
  });
