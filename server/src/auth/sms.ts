import type { Logger } from '../lib/logger.js';

/** Sends one-time codes. Real providers implement the same interface. */
export interface SmsDriver {
  readonly name: string;
  sendLoginCode(phoneE164: string, code: string): Promise<void>;
}

/**
 * Development and tests: prints the code to the server log. The phone number
 * is masked in that line; the code is what a developer needs to log in.
 */
export function consoleSmsDriver(log: Logger, out: (line: string) => void = (line) => process.stdout.write(line)): SmsDriver {
  return {
    name: 'console',
    async sendLoginCode(phoneE164, code) {
      const tail = phoneE164.slice(-4);
      // Plain stdout on purpose: the logger redacts login codes, and the developer needs this one.
      out(`[sms:console] login code for ****${tail}: ${code}\n`);
      log.info({ to: `****${tail}` }, 'login code sent (console driver)');
    },
  };
}
