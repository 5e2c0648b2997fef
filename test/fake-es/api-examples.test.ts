/**
 * The stand-in accepts the specification's request examples for every write apply makes, and
 * answers its reads in the shape of the specification's response examples (the keys apply reads:
 * test/fixtures/es-api-examples.json, transcribed from shared/research/es-api-examples/ with each
 * entry's source file). Human-readable dates (`created_date`, `modified_date`, `next_execution`)
 * are sent only with `?human`, which apply never asks for, so they are left out of the comparison.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { client } from '../conformance/client.js';
import { startFakeEs, type FakeElasticsearch } from './fake-es.js';

interface Example {
  source: string;
  request?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}
const { examples } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'es-api-examples.json'), 'utf8')) as { examples: Record<string, Example> };
const HUMAN = new Set(['created_date', 'modified_date', 'next_execution']);
const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => !HUMAN.has(k)).sort();

let es: FakeElasticsearch | undefined;
afterEach(async () => {
  await es?.stop();
  es = undefined;
});

async function put(name: string) {
  const ex = examples[name] as Example;
  const [method, path] = (ex.request as string).split(' ') as [string, string];
  const r = await client({ url: (es as FakeElasticsearch).url })(method, path.startsWith('/') ? path : `/${path}`, ex.body);
  expect(r.status, `${ex.source}: ${JSON.stringify(r.body)}`).toBe(200);
  expect(r.body).toEqual({ acknowledged: true });
}

describe('the stand-in against the API specification examples', () => {
  it('accepts the template, repository and SLM request examples', async () => {
    es = await startFakeEs({ builtinTemplates: false });
    for (const name of ['put_component_template', 'put_component_template_aliases', 'put_index_template', 'create_fs_repository']) await put(name);
    // The SLM example names my_repository, registered by the repository example above.
    await put('put_slm_policy');
  });

  it('answers GET _index_template, _component_template, _slm/policy and _snapshot in the examples\' shape', async () => {
    es = await startFakeEs({ builtinTemplates: false });
    const call = client({ url: es.url });
    for (const name of ['put_component_template', 'put_index_template', 'create_fs_repository', 'put_slm_policy']) await put(name);

    const idx = (await call('GET', '/_index_template/template_1')).body;
    const itExample = examples.get_index_template?.body;
    expect(Object.keys(idx)).toEqual(Object.keys(itExample));
    expect(keys(idx.index_templates[0])).toEqual(keys(itExample.index_templates[0]));
    // The example has composed_of, version and _meta, which this request did not send; what it did send is shaped alike.
    const sent = keys(idx.index_templates[0].index_template);
    expect(sent.every((k) => keys(itExample.index_templates[0].index_template).includes(k))).toBe(true);
    expect(idx.index_templates[0].index_template.template.settings).toEqual({ index: { number_of_shards: '2' } });

    const ct = (await call('GET', '/_component_template/template_1')).body;
    const ctExample = examples.get_component_template?.body;
    expect(Object.keys(ct)).toEqual(Object.keys(ctExample));
    expect(ct.component_templates[0].component_template.template.settings).toEqual(ctExample.component_templates[0].component_template.template.settings);
    expect(keys(ct.component_templates[0].component_template).every((k) => keys(ctExample.component_templates[0].component_template).includes(k))).toBe(true);

    const slm = (await call('GET', '/_slm/policy/daily-snapshots')).body;
    const slmExample = examples.get_slm_policy?.body;
    expect(keys(slm['daily-snapshots'])).toEqual(keys(slmExample['daily-snapshots']));
    expect(slm['daily-snapshots'].policy).toEqual(slmExample['daily-snapshots'].policy);
    expect(slm['daily-snapshots'].version).toBe(1);

    const repo = (await call('GET', '/_snapshot/my_repository')).body;
    const repoExample = examples.get_repository?.body;
    expect(keys(repo.my_repository)).toEqual(keys(repoExample.my_repository));
    expect(repo.my_repository.settings).toEqual(repoExample.my_repository.settings);
  });
});
