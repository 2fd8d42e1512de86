import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { AppError } from './errors.js';

export interface LimitRule {
  /** Unique name of the rule; also the Redis key prefix. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Limiters live in Redis when there is one, so every node counts together.
 * While Redis is unreachable each node counts in its own memory instead
 * (rate-limiter-flexible's insurance limiter), so limits keep holding and
 * commands keep working.
 */
export type LimiterFactory = (rule: LimitRule) => Limiter;

export interface Limiter {
  /** Spends one point for key; throws RATE_LIMITED when none is left. */
  consume(key: string, points?: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export function limiterFactory(redis: RedisClientType | null): LimiterFactory {
  return (rule) => {
    const opts = { keyPrefix: `rl:${rule.name}`, points: rule.points, duration: rule.durationSeconds };
    const impl: RateLimiterAbstract = redis
      ? new RateLimiterRedis({
          ...opts,
          storeClient: redis,
          useRedisPackage: true,
          // Not ready: go to memory at once instead of queueing until Redis returns.
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(opts),
        })
      : new RateLimiterMemory(opts);
    return {
      async consume(key, points = 1) {
        try {
          await impl.consume(key, points);
        } catch (err) {
          if (err instanceof RateLimiterRes) {
            throw new AppError('RATE_LIMITED', 'Too many requests, try again later', {
              retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)),
            });
          }
          throw err;
        }
      },
      async reset(key) {
        await impl.delete(key);
      },
    };
  };
}
