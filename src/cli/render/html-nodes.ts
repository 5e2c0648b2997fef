/**
 * The cluster drawn: one column per zone with its nodes per tier, and each data node's vector RAM
 * and disk as SVG bars against what the node offers and the low disk watermark. The figures are
 * the plan's own (tiers[].vector_cache_bytes, usable_disk_bytes, fullest_node_*_bytes,
 * disk_fill_limit_bytes, node_loss); nothing is re-derived here. The plan bounds the fullest data
 * node, so that is what every data node is drawn with: no node holds more.
 */
import type { Plan, Tier } from '../../model/plan.js';
import { COLOURS, esc } from './html-page.js';
import { formatBytes, formatCount } from './units.js';

/** Length in pixels of the full bar (100% of a node's vector cache or disk) in the data-node section. */
const BAR_LENGTH = 400;
/** The same in the small bars inside each node box of the zone columns. */
const MINI_BAR_LENGTH = 120;

/** Pixels of a bar `length` long filled by `used` of `capacity`, to 0.1 px; a bar never runs past its end. */
function barWidth(used: number, capacity: number, length: number): number {
  if (capacity <= 0) return 0;
  return round1((Math.min(used, capacity) / capacity) * length);
}

interface Marker {
  at: number;
  colour: string;
  what: string;
}

interface Bar {
  /** A stable name for the bar (its data-figure attribute). */
  figure: string;
  used: number;
  capacity: number;
  colour: string;
  markers: Marker[];
  /** What the bar says, in words: its tooltip and the text beside it. */
  text: string;
}

function svgBar(bar: Bar, length: number, height: number): string {
  const w = barWidth(bar.used, bar.capacity, length);
  const over = bar.used > bar.capacity;
  const parts = [
    `<svg class="bar" width="${length + 2}" height="${height + 4}" viewBox="0 0 ${length + 2} ${height + 4}" role="img" aria-label="${esc(bar.text)}" shape-rendering="crispEdges">`,
    `<title>${esc(bar.text)}</title>`,
    `<rect x="1" y="2" width="${length}" height="${height}" fill="${COLOURS.track}"/>`,
    `<rect data-figure="${bar.figure}" x="1" y="2" width="${w}" height="${height}" fill="${over ? COLOURS.over : bar.colour}"/>`,
    ...bar.markers.map((m) => {
      const x = round1(1 + barWidth(m.at, bar.capacity, length));
      return `<line data-marker="${esc(m.what)}" x1="${x}" y1="0" x2="${x}" y2="${height + 4}" stroke="${m.colour}" stroke-width="2"/>`;
    }),
    '</svg>',
  ];
  return parts.join('');
}

function pct(used: number, capacity: number): string {
  return capacity > 0 ? `${Math.round((used / capacity) * 100)}%` : '-';
}

/** The node's disk as the bar's full length: the catalog's decimal GB. */
function nodeDiskBytes(t: Tier): number {
  return Math.round(t.disk_gb * 1e9);
}

/** The vector RAM and disk bars of one data node holding `vectorBytes` and `diskBytes`. */
function dataNodeBars(t: Tier, vectorBytes: number, diskBytes: number, figure: string): Bar[] {
  const bars: Bar[] = [];
  if (t.vector_cache_bytes !== undefined) {
    bars.push({
      figure: `${figure}-vector-ram`,
      used: vectorBytes,
      capacity: t.vector_cache_bytes,
      colour: COLOURS.vectorRam,
      markers: [],
      text: `vector RAM: ${formatBytes(vectorBytes)} of a ${formatBytes(t.vector_cache_bytes)} vector cache (${pct(vectorBytes, t.vector_cache_bytes)})`,
    });
  }
  const disk = nodeDiskBytes(t);
  if (disk > 0) {
    const markers: Marker[] = [];
    if (t.disk_fill_limit_bytes !== undefined) markers.push({ at: t.disk_fill_limit_bytes, colour: COLOURS.fillLimit, what: 'planned fill limit' });
    if (t.usable_disk_bytes !== undefined) markers.push({ at: t.usable_disk_bytes, colour: COLOURS.watermark, what: 'low disk watermark' });
    const watermark = t.usable_disk_bytes !== undefined ? `; low watermark at ${formatBytes(t.usable_disk_bytes)}` : '';
    const limit = t.disk_fill_limit_bytes !== undefined ? `, planned to at most ${formatBytes(t.disk_fill_limit_bytes)}` : '';
    bars.push({
      figure: `${figure}-disk`,
      used: diskBytes,
      capacity: disk,
      colour: COLOURS.disk,
      markers,
      text: `disk: ${formatBytes(diskBytes)} of ${formatBytes(disk)} (${pct(diskBytes, disk)})${watermark}${limit}`,
    });
  }
  return bars;
}

/** The data-tier figures the bars need, when the plan has them (plans of older versions may not). */
function fullest(t: Tier): { vector: number; disk: number } | undefined {
  if (t.role !== 'data' || t.fullest_node_vector_bytes === undefined || t.fullest_node_disk_bytes === undefined) return undefined;
  return { vector: t.fullest_node_vector_bytes, disk: t.fullest_node_disk_bytes };
}

/** The zone headings: one per zone, and the tiebreaker's third location when a tier has nodes there. */
function zoneHeadings(plan: Plan): string[] {
  const columns = Math.max(plan.zones, ...plan.tiers.map((t) => t.nodes_per_zone.length));
  return Array.from({ length: columns }, (_, i) => (i < plan.zones ? `zone ${i + 1}` : 'third location (tiebreaker)')).filter(
    (_, i) => i < plan.zones || plan.tiers.some((t) => (t.nodes_per_zone[i] ?? 0) > 0),
  );
}

/** Zones as columns, each with its nodes per tier; a data node box carries its small RAM and disk bars. */
export function zonesSection(plan: Plan): string {
  const headings = zoneHeadings(plan);
  const columns = headings.map((heading, i) => {
    const tiers = plan.tiers.flatMap((t) => {
      const n = t.nodes_per_zone[i] ?? 0;
      if (n === 0) return [];
      const f = fullest(t);
      const boxes = Array.from({ length: n }, (_, k) => {
        const bars = f ? dataNodeBars(t, f.vector, f.disk, 'node').map((b) => svgBar(b, MINI_BAR_LENGTH, 8)).join('<br>') : '';
        return `<div class="node" title="${esc(`${t.role} node ${k + 1} of ${heading}: ${t.instance_type}`)}">${esc(`${t.role} ${k + 1}`)}${bars ? `<br>${bars}` : ''}</div>`;
      });
      return [
        `<div class="tier" data-role="${esc(t.role)}">`,
        `<div class="tier-head">${esc(`${t.role}: ${n} x ${t.instance_type}`)}</div>`,
        `<div class="muted">${esc(`${t.vcpu} vCPU, ${t.memory_gib} GiB memory${t.disk_gb > 0 ? `, ${formatCount(t.disk_gb)} GB ${t.disk_kind}` : ''}`)}</div>`,
        `<div class="nodes">${boxes.join('')}</div>`,
        '</div>',
      ];
    });
    return [`<div class="zone">`, `<h3>${esc(heading)}</h3>`, ...tiers, '</div>'].join('\n');
  });
  return [
    '<h2>Zones and nodes</h2>',
    `<div class="zones" style="grid-template-columns: repeat(${headings.length}, 1fr)">`,
    ...columns,
    '</div>',
    legend(plan),
  ].join('\n');
}

function legend(plan: Plan): string {
  if (!plan.tiers.some((t) => fullest(t))) return '';
  const swatch = (colour: string, what: string) => `<span><i class="swatch" style="background:${colour}"></i>${esc(what)}</span>`;
  return [
    '<p class="legend">',
    swatch(COLOURS.vectorRam, 'vector RAM of the vector cache'),
    swatch(COLOURS.disk, 'disk of the node'),
    swatch(COLOURS.watermark, 'low disk watermark'),
    swatch(COLOURS.fillLimit, 'planned fill limit (merges and growth)'),
    '</p>',
    `<p class="muted">${esc('Every data node is drawn with the fullest node\'s figures at the planning horizon: no data node holds more.')}</p>`,
  ].join('\n');
}

/** The data tier's fullest node (and the fullest after one data node is lost) with labelled bars. */
export function dataNodeSection(plan: Plan): string {
  const data = plan.tiers.find((t) => t.role === 'data');
  const f = data ? fullest(data) : undefined;
  if (!data || !f) return '';
  const rows: string[] = [];
  const addRows = (heading: string, bars: Bar[]) => {
    rows.push(`<h3>${esc(heading)}</h3>`, '<table class="bars"><tbody>');
    for (const b of bars) rows.push(`<tr><td>${svgBar(b, BAR_LENGTH, 16)}</td><td>${esc(b.text)}</td></tr>`);
    rows.push('</tbody></table>');
  };
  addRows(`The fullest data node (${data.instance_type}) at the planning horizon`, dataNodeBars(data, f.vector, f.disk, 'fullest'));
  const l = data.node_loss;
  if (l) {
    const state = l.survives ? 'fits' : 'SHORT';
    addRows(
      `After losing one data node: the fullest of the ${l.surviving_nodes_in_zone} left in its zone (${l.fullest_node_shard_copies} shard copies; ${state})`,
      dataNodeBars(data, l.fullest_node_vector_bytes, l.fullest_node_disk_bytes, 'node-loss'),
    );
  }
  return ['<h2>Data nodes: vector RAM and disk</h2>', ...rows].join('\n');
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
