/** An endpoint setting: a bare host means HTTPS; `http://host:port` (a local test server) or `https://...` names the scheme. */
export function parseEndpoint(value: string): { protocol: 'http' | 'https'; host: string } {
  const match = /^(https?):\/\/([^/]+)\/?$/i.exec(value.trim());
  if (match) return { protocol: match[1]!.toLowerCase() as 'http' | 'https', host: match[2]! };
  return { protocol: 'https', host: value.trim().replace(/\/+$/, '') };
}

/** Phone-like digit runs in a provider's message, masked (a provider may echo the number back). */
export const scrubDigits = (text: string) => text.replace(/\+?\d{7,}/g, (digits) => `****${digits.slice(-4)}`);

/**
 * A provider or SDK message made fit for a log line: URLs keep only their origin (the
 * Alibaba SDK's network errors quote the request URL, whose query holds the number and
 * the template parameters, a login code among them), then phone-like digits are masked.
 */
export const scrubMessage = (text: string) => scrubDigits(text.replace(/(https?:\/\/[^/?#\s]+)[^\s]*/gi, '$1/…')).slice(0, 200);
