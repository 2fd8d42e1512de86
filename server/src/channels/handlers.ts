import { capability } from '../capability.js';
import type { ChannelService } from './channel.service.js';

export const channelsCapability = (channels: ChannelService) =>
  capability('channels', {
    'channel:list': (caller, input) => channels.list(caller, input),
    'channel:create': (caller, input) => channels.create(caller, input),
    'channel:update': (caller, input) => channels.update(caller, input),
    'channel:archive': (caller, input) => channels.archive(caller, input),
  });
