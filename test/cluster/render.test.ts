import { describe, expect, it } from 'vitest';
import type { ObjectDiff } from '../../src/cluster/diff.js';
import { renderDiffs, renderReport } from '../../src/cluster/render.js';

const desired = { kind: 'component_template' as const, name: 't', body: {} };

describe('plan text', () => {
  it('marks creates, updates and unchanged objects, with old → new per key', () => {
    const diffs: ObjectDiff[] = [
      { kind: 'component_template', name: 'a-settings', action: 'create', changes: [{ key: 'x', new: '3' }], desired },
      {
        kind: 'component_template',
        name: 'a-mappings',
        action: 'update',
        changes: [
          { key: 'replicas', old: '1', new: '2' },
          { key: 'title', old: 'text', new: undefined },
        ],
        desired,
      },
      { kind: 'cluster_settings', name: 'persistent', action: 'unchanged', changes: [], desired },
    ];
    expect(renderDiffs(diffs, false)).toBe(
      [
        '+ component template a-settings',
        '    + x: 3',
        '~ component template a-mappings',
        '    ~ replicas: 1 → 2',
        '    - title: "text" → (absent)',
        '= cluster settings (persistent)',
        '',
        'Plan: 1 to create, 1 to update, 1 unchanged. Nothing is ever deleted.',
        '',
      ].join('\n'),
    );
  });

  it('lists every write as written, failed or not attempted', () => {
    const text = renderReport({
      ok: false,
      results: [
        { kind: 'component_template', name: 'a', action: 'create', status: 'written' },
        { kind: 'index_template', name: 'a', action: 'create', status: 'failed', error: 'boom' },
        { kind: 'cluster_settings', name: 'persistent', action: 'update', status: 'not attempted' },
      ],
    });
    expect(text).toMatch(/✓ written and verified: component template a \(create\)/);
    expect(text).toMatch(/✗ FAILED: +index template a \(create\): boom/);
    expect(text).toMatch(/· not attempted: +cluster settings \(persistent\) \(update\)/);
    expect(text).toMatch(/Nothing was rolled back/);
  });
});
