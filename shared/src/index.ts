export * from './errors.js';
export * from './limits.js';
export * from './domain.js';
export * as schemas from './schemas.js';
export * from './events.js';
export * from './messages/cursor.js';
