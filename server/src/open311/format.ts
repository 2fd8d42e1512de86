/**
 * GeoReport v2 output: XML (the required format) and JSON (Spark convention: the
 * root element dropped, repeated elements as arrays), chosen by the extension of
 * the resource (`requests.xml`, `requests.json`). XML is built by xmlbuilder2 from
 * fixed element names; every value goes in as text, escaped by the builder.
 */
import type { Response } from 'express';
import { create } from 'xmlbuilder2';

export const formats = ['xml', 'json'] as const;
export type Format = (typeof formats)[number];

export const contentTypes: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A leaf value: null is an empty element in XML and null in JSON (as in the spec's examples). */
export type Field = string | number | boolean | null;
/** An element's children; an array repeats the element (`{ service: [a, b] }`). */
export interface XmlTree {
  [element: string]: Field | XmlTree | readonly (Field | XmlTree)[];
}

type XmlValue = string | { [element: string]: XmlValue | XmlValue[] };

function xmlValue(value: Field | XmlTree): XmlValue {
  if (value === null) return '';
  if (typeof value !== 'object') return String(value);
  const out: Record<string, XmlValue | XmlValue[]> = {};
  for (const [name, child] of Object.entries(value)) {
    out[name] = Array.isArray(child) ? child.map((entry: Field | XmlTree) => xmlValue(entry)) : xmlValue(child as Field | XmlTree);
  }
  return out;
}

/** The document: UTF-8 with its declaration, as the spec requires. */
export function toXml(root: string, tree: XmlTree): string {
  // A character XML cannot carry (a stray U+FFFE, say) becomes U+FFFD instead of failing the whole answer.
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }, { [root]: xmlValue(tree) }).end({ prettyPrint: true });
}

/** The format a resource name asks for: `requests.json` -> ['requests', 'json']; null when it names none we serve. */
export function splitFormat(resource: string): { name: string; format: Format } | null {
  const dot = resource.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = resource.slice(dot + 1).toLowerCase();
  if (!(formats as readonly string[]).includes(format)) return null;
  return { name: resource.slice(0, dot), format: format as Format };
}

/** A list resource: JSON array of rows, or `<root><item>...</item>...</root>`. */
export function sendList(res: Response, format: Format, root: string, item: string, rows: readonly Record<string, Field>[], status = 200): void {
  res.status(status).type(contentTypes[format]);
  if (format === 'json') res.send(JSON.stringify(rows));
  else res.send(toXml(root, rows.length > 0 ? { [item]: rows } : {}));
}

/** A single-object resource (discovery, service_definition): its JSON and XML shapes given apart, as Spark maps them. */
export function sendObject(res: Response, format: Format, root: string, shapes: { json: unknown; xml: XmlTree }): void {
  res.status(200).type(contentTypes[format]);
  res.send(format === 'json' ? JSON.stringify(shapes.json) : toXml(root, shapes.xml));
}

export interface Open311ErrorEntry {
  code: number;
  description: string;
}

/** `<errors><error><code/><description/></error>...</errors>`, or the JSON array of them. */
export function sendErrors(res: Response, format: Format, status: number, errors: readonly Open311ErrorEntry[]): void {
  sendList(res, format, 'errors', 'error', errors.map((entry) => ({ code: entry.code, description: entry.description })), status);
}
