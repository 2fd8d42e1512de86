/** An endpoint setting: a bare host means HTTPS; `http://host:port` (a local test server) or `https://...` names the scheme. */
export function parseEndpoint(value: string): { protocol: 'http' | 'https'; host: string } {
  const match = /^(https?):\/\/([^/]+)\/?$/i.exec(value.trim());
  if (match) return { protocol: match[1]!.toLowerCase() as 'http' | 'https', host: match[2]! };
  return { protocol: 'https', host: value.trim().replace(/\/+$/, '') };
}

/** Phone-like digit runs in a provider's message, masked (a provider may echo the number back). */
export const scrubDigits = (text: string) => text.replace(/\+?\d{7,}/g, (digits) => `****${digits.slice(-4)}`);
