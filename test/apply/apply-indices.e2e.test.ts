/**
 * `esplan apply` writes the whole index (issue 13 item 7), against the loopback stand-in: a
 * two-index workload with text and its multi-fields, keyword, tenant, sparse_vector, semantic_text,
 * routing and codec; every mapping read back from the cluster; a re-apply that writes nothing; and a
 * semantic_text endpoint the cluster lacks refused before anything is written.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEs, type FakeElasticsearch } from '../fake-es/fake-es.js';
import { repoRoot, runCli } from './run-cli.js';

const workloadFile = join(repoRoot, 'test', 'apply', 'fixtures', 'two-indices.yaml');
let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});

const template = (fake: FakeElasticsearch, name: string) => fake.componentTemplates.get(name)?.body.template as { settings?: Record<string, unknown>; mappings?: Record<string, unknown> };

describe('apply of a workload with several indices and every field kind', () => {
  it('writes one template set per index, reads every mapping back, and finds nothing to do the second time', async () => {
    es = await startFakeEs({ version: '9.2.0' });
    const r = await runCli(['apply', '--workload', workloadFile, '--url', es.url, '--yes']);
    expect(r.stderr).toMatch(/Apply complete/);
    expect(r.code).toBe(0);
    // 3 objects per index (settings, mappings, index template) x 2 indices + the awareness settings.
    expect(es.writes).toHaveLength(7);

    // What the cluster holds, as a later GET returns it (settings nested and as strings).
    // kb: best_compression from index.codec; the shingle analyzer beside the fields that use it.
    expect(template(es, 'kb-settings').settings).toMatchObject({ index: { codec: 'best_compression' } });
    const kb = template(es, 'kb-mappings');
    expect(kb.settings).toEqual({
      index: {
        analysis: {
          filter: { esplan_shingle_filter: { type: 'shingle', min_shingle_size: '2', max_shingle_size: '3', output_unigrams: 'false' } },
          analyzer: { esplan_shingles: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'esplan_shingle_filter'] } },
        },
      },
    });
    const kbProps = (kb.mappings as { properties: Record<string, unknown> }).properties;
    // By hand from the workload: title (english, three multi-fields), body (standard, none),
    // product (keyword), body_semantic (ELSER as named, chunking 200/1), content_embedding (dense).
    expect(kbProps.title).toEqual({
      type: 'text',
      analyzer: 'english',
      fields: {
        keyword: { type: 'keyword', ignore_above: 256 },
        shingles: { type: 'text', analyzer: 'esplan_shingles' },
        search_as_you_type: { type: 'search_as_you_type', analyzer: 'english' },
      },
    });
    expect(kbProps.body).toEqual({ type: 'text', analyzer: 'standard' });
    expect(kbProps.product).toEqual({ type: 'keyword' });
    expect(kbProps.body_semantic).toEqual({
      type: 'semantic_text',
      inference_id: '.elser-2-elasticsearch',
      chunking_settings: { strategy: 'sentence', max_chunk_size: 200, sentence_overlap: 1 },
    });
    expect(kbProps.content_embedding).toMatchObject({ type: 'dense_vector', dims: 384 });

    // chats: routed by tenant with a partition of 2, so _routing is required (Elasticsearch insists).
    const chatsSettings = template(es, 'chats-settings');
    expect(chatsSettings.settings).toMatchObject({ index: { routing_partition_size: '2' } });
    expect(chatsSettings.mappings).toEqual({ _routing: { required: true } });
    const chatsProps = (template(es, 'chats-mappings').mappings as { properties: Record<string, unknown> }).properties;
    expect(chatsProps).toEqual({
      message: { type: 'text', analyzer: 'standard', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
      tenant_id: { type: 'keyword' },
      message_sparse: { type: 'sparse_vector' },
    });
    for (const name of ['kb', 'chats']) {
      const t = es.indexTemplates.get(name)?.body as { index_patterns: string[]; composed_of: string[] };
      expect(t.index_patterns).toEqual([name, `${name}-*`]);
      expect(t.composed_of).toEqual([`${name}-settings`, `${name}-mappings`]);
    }

    const again = await runCli(['apply', '--workload', workloadFile, '--url', es.url, '--dry-run', '--json']);
    expect(again.code).toBe(0);
    const doc = JSON.parse(again.stdout);
    expect(doc.result).toBe('no-changes');
    expect(doc.summary).toMatchObject({ create: 0, update: 0, unchanged: 7 });
    expect(es.writes).toHaveLength(7);
  }, 60_000);

  it('refuses a semantic_text endpoint the cluster does not have, naming field, index and endpoint, and writes nothing', async () => {
    es = await startFakeEs({ version: '9.2.0' });
    const dir = mkdtempSync(join(tmpdir(), 'esplan-indices-'));
    const file = join(dir, 'missing-endpoint.yaml');
    writeFileSync(file, readFileSync(workloadFile, 'utf8').replace('inference_id: .elser-2-elasticsearch', 'inference_id: my-e5-endpoint'));
    const r = await runCli(['apply', '--workload', file, '--url', es.url, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: inference endpoint my-e5-endpoint: does not exist on the cluster; semantic_text field body_semantic of index kb uses it/);
    expect(r.stderr).toMatch(/PUT _inference\/text_embedding\/my-e5-endpoint/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(es.writes).toHaveLength(0);
    // The lookup went to the inference API, once, for that id.
    expect(es.requests.filter((q) => q.path.startsWith('/_inference')).map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual(['GET /_inference/my-e5-endpoint 404']);

    // Once the endpoint exists, the same workload applies.
    es.inference.add({ inference_id: 'my-e5-endpoint', task_type: 'text_embedding', service: 'elasticsearch', service_settings: { model_id: '.multilingual-e5-small', num_threads: 1, num_allocations: 1 } });
    const ok = await runCli(['apply', '--workload', file, '--url', es.url, '--yes']);
    expect(ok.stderr).toMatch(/Apply complete/);
  }, 60_000);

  it('refuses an endpoint of a task type semantic_text cannot use', async () => {
    es = await startFakeEs({ version: '9.2.0' });
    es.inference.add({ inference_id: 'my-reranker', task_type: 'rerank', service: 'elasticsearch', service_settings: { model_id: '.rerank-v1' } });
    const dir = mkdtempSync(join(tmpdir(), 'esplan-indices-'));
    const file = join(dir, 'rerank-endpoint.yaml');
    writeFileSync(file, readFileSync(workloadFile, 'utf8').replace('inference_id: .elser-2-elasticsearch', 'inference_id: my-reranker'));
    const r = await runCli(['apply', '--workload', file, '--url', es.url, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/inference endpoint my-reranker: is a rerank endpoint; semantic_text field body_semantic of index kb needs a sparse_embedding or text_embedding one/);
    expect(es.writes).toHaveLength(0);
  }, 60_000);

  it('writes the default endpoint explicitly when a semantic_text field names none (9.2 self-managed: ELSER on ML nodes)', async () => {
    es = await startFakeEs({ version: '9.2.0' });
    const dir = mkdtempSync(join(tmpdir(), 'esplan-indices-'));
    const file = join(dir, 'default-endpoint.yaml');
    writeFileSync(file, readFileSync(workloadFile, 'utf8').replace('inference_id: .elser-2-elasticsearch, ', ''));
    const r = await runCli(['apply', '--workload', file, '--url', es.url, '--yes']);
    expect(r.stderr).toMatch(/Apply complete/);
    // formulas/inference.json: on 9.2 outside Elastic Cloud, semantic_text defaults to .elser-2-elasticsearch.
    const props = (template(es, 'kb-mappings').mappings as { properties: Record<string, { inference_id?: string }> }).properties;
    expect(props.body_semantic?.inference_id).toBe('.elser-2-elasticsearch');
  }, 60_000);

  it("refuses two of the workload's indices whose templates would overlap (kb-* matches kb-memory), writing nothing", async () => {
    es = await startFakeEs({ version: '9.2.0' });
    const dir = mkdtempSync(join(tmpdir(), 'esplan-indices-'));
    const file = join(dir, 'overlap.yaml');
    writeFileSync(file, readFileSync(workloadFile, 'utf8').replace('name: chats', 'name: kb-memory'));
    const r = await runCli(['apply', '--workload', file, '--url', es.url, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: index kb-memory: its template's patterns \(kb-memory, kb-memory-\*\) overlap those of index kb \(kb, kb-\*\)/);
    expect(es.writes).toHaveLength(0);
  }, 60_000);
});
