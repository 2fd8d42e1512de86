/** Open311 GeoReport v2: the community as a jurisdiction, and the API keys that may file into it. */

/** An API key as admins see it: never the key itself (only its hash is stored). */
export interface Open311Key {
  id: string;
  label: string;
  /** When it was created. */
  created: string;
  /** The last request filed with it, or null. */
  lastUsed: string | null;
  /** When it was revoked; null while it is valid. */
  revoked: string | null;
}

export interface Open311Settings {
  /** The community's jurisdiction_id; null until its admins set one (the community is then not on Open311). */
  jurisdictionId: string | null;
  keys: Open311Key[];
}
