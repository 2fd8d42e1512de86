import type { TestProject } from 'vitest/node';
import { startTestFerretDB, startTestRedis } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUrl: string;
    redisUrl: string;
  }
}

/** One FerretDB and one Redis for the whole integration run; files use their own database. */
export default async function setup(project: TestProject) {
  const [mongo, redis] = await Promise.all([startTestFerretDB(), startTestRedis()]);
  project.provide('mongoUrl', mongo.url);
  project.provide('redisUrl', redis.url);
  return async () => {
    await Promise.all([mongo.stop(), redis.stop()]);
  };
}
