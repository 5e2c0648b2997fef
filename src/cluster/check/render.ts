/**
 * check's text report: what was read, the findings (each code with its severity and message,
 * wrapped to the terminal), and the measured against predicted vector RAM per field. Every piece of
 * text that came from the cluster is sanitised here, where it is placed.
 */
import { createRequire } from 'node:module';
import type CliTable3 from 'cli-table3';
import { drawTable, fitText, labelled } from '../../cli/render/fit.js';
import { formatBytes, formatCount } from '../../cli/render/units.js';
import { guardOutput, sanitise } from '../../model/sanitise.js';
import type { CheckDocument } from './run-check.js';
import type { ClusterSnapshot } from './snapshot.js';

const require = createRequire(import.meta.url);

export function renderCheck(doc: CheckDocument, snapshot: ClusterSnapshot, options: { color: boolean; width?: number }): string {
  const width = options.width;
  const out: string[] = [];
  const bold = (t: string) => (options.color ? `\u001b[1m${t}\u001b[22m` : t);
  const red = (t: string) => (options.color ? `\u001b[31m${t}\u001b[39m` : t);
  const yellow = (t: string) => (options.color ? `\u001b[33m${t}\u001b[39m` : t);
  const line = (t: string, first = '', rest = '  ') => out.push(...fitText(t, width, first, rest));

  line(`${bold('esplan check')}: cluster ${sanitise(doc.cluster.name, 120)} (Elasticsearch ${sanitise(doc.cluster.version, 40)})`);
  line(
    `read ${doc.read_at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')} against the plan in ${sanitise(doc.plan.source, 200)} (esplan ${sanitise(doc.plan.esplan_version, 40)})${doc.plan.calibration ? `, calibrated from ${sanitise(doc.plan.calibration.file, 200)} (${doc.plan.calibration.created})` : ''}`,
  );
  const concrete = Object.values(snapshot.indices).flat();
  const data = snapshot.nodes.filter((n) => n.roles.some((r) => r === 'data' || r.startsWith('data_'))).length;
  line(
    `Read ${snapshot.nodes.length} node(s) (${data} data), ${concrete.length} index(es) for ${doc.plan.indices.length} planned, ${snapshot.shards.length} shard copies. Nothing was written.`,
  );
  out.push('');

  if (doc.findings.length === 0) {
    line(bold('No findings: the cluster matches its plan.'));
  } else {
    const errors = doc.findings.filter((f) => f.severity === 'error').length;
    const warnings = doc.findings.length - errors;
    line(bold(`Findings: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`));
    for (const f of doc.findings) {
      const tag = f.severity === 'error' ? red('error  ') : yellow('warning');
      line(`${tag} ${f.code}`, '  ');
      line(sanitise(f.message, 2000), '    ', '    ');
    }
  }

  if (doc.vectors.length > 0) {
    out.push('');
    line(bold("Vector RAM: measured resident off-heap bytes against the model's figure for today's vectors"));
    const Table = require('cli-table3') as typeof CliTable3;
    const head = ['field', 'vectors', 'predicted', 'measured', 'ratio'];
    // Colour marks severity only (above); table headings stay plain.
    const style = { head: [], border: [], compact: true };
    const na = (n: number | null | undefined, f: (x: number) => string, none = 'n/a') => (n === null || n === undefined ? none : f(n));
    // One table per concrete index, so the rows keep to the figures and fit a narrow terminal.
    for (const index of [...new Set(doc.vectors.map((v) => v.index))]) {
      const vectors = doc.vectors.filter((v) => v.index === index);
      const rows = vectors.map((v) => [
        sanitise(v.field, 60),
        na(v.value_count, formatCount),
        na(v.predicted_ram_bytes, formatBytes),
        na(v.measured_off_heap_bytes, formatBytes, 'not measurable'),
        na(v.ratio, (r) => r.toFixed(2)),
      ]);
      line(`${sanitise(index, 120)}:`, '  ');
      out.push(drawTable(Table, { head, rows, style, narrow: () => rows.map((r) => labelled(head, r)) }, width));
      for (const v of vectors) {
        if (v.not_measurable_reason) line(`${sanitise(v.field, 60)}: not measurable: ${sanitise(v.not_measurable_reason, 400)}`, '  ', '    ');
      }
    }
  }
  if (doc.calibration_written) {
    out.push('');
    line(`Calibration: ${doc.calibration_written.entries} entr${doc.calibration_written.entries === 1 ? 'y' : 'ies'} written to ${sanitise(doc.calibration_written.file, 200)}.`);
  }
  out.push('');
  line(doc.findings.length === 0 ? 'Result: matches the plan (exit 0).' : `Result: ${doc.findings.length} finding${doc.findings.length === 1 ? '' : 's'} (exit 2).`);
  return `${guardOutput(out.join('\n'), options.color)}\n`;
}
