/** Every payload schema by capability, under the names clients and tests use (`schemas.auth.verifyCode`). */
export { id } from './fields.js';
export { auth, profile, displayName, cleanDisplayName } from './auth/schemas.js';
export { community } from './communities/schemas.js';
export { member } from './members/schemas.js';
export { household } from './households/schemas.js';
export { organisation } from './organisations/contract.js';
export { channel, channelVisibility } from './channels/contract.js';
export { message } from './messages/contract.js';
export { reaction, emoji } from './reactions/contract.js';
export { thread } from './threads/contract.js';
export { read } from './reads/contract.js';
export { presence } from './presence/contract.js';
export { typing } from './typing/contract.js';
export { notification } from './notifications/contract.js';
export { moderation } from './moderation/contract.js';
export { audit } from './audit/contract.js';
export { sms } from './sms/contract.js';
