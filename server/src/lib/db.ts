import { createHash } from 'node:crypto';
import mongoose, { Types, type Connection } from 'mongoose';
import { mongoDatabaseName } from '../config.js';

export type { Connection };

/**
 * Opens a dedicated connection (no mongoose globals, so tests can open many).
 * sanitizeFilter strips `$` operators smuggled in through user input;
 * strictQuery 'throw' rejects filters on unknown paths.
 * Without dbName, the database named in the uri, else `linli` (never the driver's `test`).
 */
export async function connectMongo(uri: string, dbName = mongoDatabaseName(uri)): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
    autoCreate: true,
  });
  conn.set('sanitizeFilter', true);
  conn.set('strictQuery', 'throw');
  await conn.asPromise();
  return conn;
}

/** Builds every declared index of every model on this connection. */
export async function syncIndexes(conn: Connection): Promise<void> {
  for (const model of Object.values(conn.models)) {
    await model.createIndexes();
  }
}

/** The ObjectId check used when ids come from elsewhere than a validated payload. */
export const isObjectId = (value: string): boolean => mongoose.isObjectIdOrHexString(value);

/**
 * Marks a filter object built by our code (never by input) as containing
 * intended query operators, which sanitizeFilter would otherwise neutralise.
 */
export function op<Filter extends object>(filter: Filter): Filter {
  return mongoose.trusted(filter) as Filter;
}

/** The fields of an update payload that were given, for a $set: an omitted optional field stays as it is. */
export const givenFields = (fields: object): Record<string, unknown> => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

/** Text matched literally inside a $regex. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A stable ObjectId derived from its parts (page ids, message ids from client ids, read markers). */
export function derivedId(...parts: string[]): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24));
}

/** A document as a model reads it: its fields and its _id. */
export type WithId<Fields> = Fields & { _id: Types.ObjectId };

/** An ObjectId from a validated hex string. */
export const objectId = (hex: string): Types.ObjectId => new Types.ObjectId(hex);
