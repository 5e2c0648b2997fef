/**
 * text and keyword fields, one copy: the index structures Elasticsearch builds for them beside
 * _source (whose bytes, the text included, corpus.source_bytes_per_document already counts).
 * Every figure comes from formulas/fields.json through the Derivation, so it lands in basis.
 */
import type { KeywordFieldSizing, TextFieldSizing, Warning } from '../model/plan.js';
import type { Derivation } from './derivation.js';
import type { KeywordField, TextField } from './field-specs.js';

export interface FieldSizingResult<S> {
  sizing: S;
  warnings: Warning[];
}

/** One text field at `documents` (documents at the horizon), one copy. */
export function sizeTextField(d: Derivation, field: TextField, documents: number): FieldSizingResult<TextFieldSizing> {
  const name = field.field;
  const warnings: Warning[] = [];
  const textBytes =
    field.bytes_per_document ??
    d.eval('text.bytes_per_document', { words_per_document: field.words_per_document ?? 0, bytes_per_word: d.num('text.bytes_per_word') }, name);

  // One ratio serves every built-in analyzer: no published figure separates them (analyzers that
  // drop stopwords land lower, cjk bigrams higher), and the analyzer is reported beside it.
  const invertedIndex = d.eval(
    'text.inverted_index_bytes',
    {
      documents,
      text_bytes_per_document: textBytes,
      bytes_per_text_byte: d.num('text.inverted_index_bytes_per_text_byte'),
      norms_bytes_per_document: d.num('text.norms_bytes_per_document'),
    },
    name,
  );

  const multiFields = field.multi_fields.map((kind) => ({
    kind,
    disk_bytes:
      kind === 'keyword'
        ? d.eval(
            'text.keyword_multi_field_bytes',
            {
              documents,
              text_bytes_per_document: textBytes,
              ignore_above: d.num('text.multi_field.keyword.ignore_above'),
              bytes_per_text_byte: d.num('text.multi_field.keyword.bytes_per_text_byte'),
            },
            `${name}.${kind}`,
          )
        : d.eval(
            'text.multi_field_bytes',
            { documents, text_bytes_per_document: textBytes, bytes_per_text_byte: d.num(`text.multi_field.${kind}.bytes_per_text_byte`) },
            `${name}.${kind}`,
          ),
  }));

  if (field.multi_fields.includes('keyword')) {
    const ignoreAbove = d.num('text.multi_field.keyword.ignore_above');
    if (textBytes > ignoreAbove) {
      warnings.push({
        code: 'KEYWORD_MULTI_FIELD_IGNORED',
        message: `${name}: values average ${Math.round(textBytes)} bytes, above the keyword multi-field's ignore_above ${ignoreAbove}, so most are not indexed in ${name}.keyword (exact match and aggregations miss them); use a keyword_fields entry for a short value instead.`,
      });
    }
  }

  const disk = invertedIndex + multiFields.reduce((s, m) => s + m.disk_bytes, 0);
  d.note({
    id: `text.disk_bytes[${name}]`,
    kind: 'formula',
    description: `Index structures of text field ${name} for one copy: its inverted index and every multi-field`,
    expression: ['inverted_index', ...multiFields.map((m) => m.kind)].join(' + '),
    inputs: { inverted_index: invertedIndex, ...Object.fromEntries(multiFields.map((m) => [m.kind, m.disk_bytes])) },
    result: disk,
    unit: 'bytes',
    source: 'text.inverted_index_bytes and text.multi_field_bytes above (formulas/fields.json)',
  });
  const ram = d.eval('fields.resident_bytes', { bytes: disk, resident_share: d.num('text.resident_share') }, name);

  return {
    sizing: {
      field: name,
      analyzer: field.analyzer,
      text_bytes_per_document: textBytes,
      inverted_index_bytes: invertedIndex,
      multi_fields: multiFields,
      ram_bytes: ram,
      disk_bytes: disk,
    },
    warnings,
  };
}

/** One keyword field at `documents` (documents at the horizon), one copy. */
export function sizeKeywordField(d: Derivation, field: KeywordField, documents: number): FieldSizingResult<KeywordFieldSizing> {
  const name = field.field;
  const bytesPerValue = field.bytes_per_value ?? d.num('keyword.default_bytes_per_value');
  const values = d.eval('keyword.value_count', { documents, values_per_document: field.values_per_document }, name);
  const disk = d.eval(
    'keyword.index_bytes',
    {
      values,
      bytes_per_value: bytesPerValue,
      bytes_per_value_byte: d.num('keyword.index_bytes_per_value_byte'),
      overhead_bytes_per_value: d.num('keyword.overhead_bytes_per_value'),
    },
    name,
  );
  // Keyword terms are read per query term like text postings, so they follow the text policy.
  const ram = d.eval('fields.resident_bytes', { bytes: disk, resident_share: d.num('text.resident_share') }, name);
  return {
    sizing: {
      field: name,
      bytes_per_value: bytesPerValue,
      values_per_document: field.values_per_document,
      value_count: values,
      ram_bytes: ram,
      disk_bytes: disk,
    },
    warnings: [],
  };
}
