/**
 * A small REST client for the conformance scenarios: the same calls go to the loopback stand-in
 * and, when ES_URL is set, to a real cluster (ES_API_KEY or ES_USERNAME/ES_PASSWORD, ES_CA_CERT).
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export type Call = (method: string, path: string, body?: unknown) => Promise<Reply>;

export interface Target {
  url: string;
  apiKey?: string;
  username?: string;
  password?: string;
  caCertFile?: string;
}

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): Target | undefined {
  if (!env.ES_URL) return undefined;
  return { url: env.ES_URL, apiKey: env.ES_API_KEY, username: env.ES_USERNAME, password: env.ES_PASSWORD, caCertFile: env.ES_CA_CERT };
}

export function client(target: Target): Call {
  const base = new URL(target.url);
  const ca = target.caCertFile ? readFileSync(target.caCertFile) : undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers.authorization = `ApiKey ${target.apiKey}`;
  else if (target.username) headers.authorization = `Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64')}`;
  return (method, path, body) =>
    new Promise<Reply>((resolve, reject) => {
      const url = new URL(path, base);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const text = body === undefined ? undefined : JSON.stringify(body);
      const req = send(url, { method, headers: { ...headers, ...(text ? { 'content-length': String(Buffer.byteLength(text)) } : {}) }, ca, timeout: 30_000 }, (res) => {
        let raw = '';
        res.on('data', (d) => (raw += String(d)));
        res.on('end', () => {
          let parsed: unknown = raw;
          try {
            parsed = raw ? JSON.parse(raw) : undefined;
          } catch {
            // keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      if (text) req.write(text);
      req.end();
    });
}
