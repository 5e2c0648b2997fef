/** Elasticsearch `major.minor` versions, compared numerically ("9.10" > "9.4"). */
export interface MinorVersion {
  major: number;
  minor: number;
}

const VERSION = /^(\d{1,2})\.(\d{1,3})(?:\.\d{1,3})?$/;

export function parseVersion(text: string): MinorVersion | undefined {
  const m = VERSION.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) throw new Error(`not a version: ${va ? b : a}`);
  return va.major - vb.major || va.minor - vb.minor;
}
