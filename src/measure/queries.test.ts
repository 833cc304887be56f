import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureQueries, promqlString } from './queries';

describe('the queries', () => {
  it('the README lists every query the panel gives, for both versions', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const v of ['2.10', '3.0'] as const)
      for (const q of measureQueries('tempo', v))
        expect(readme).toContain(`\`${q.promql.replace(/\|/g, '\\|')}\``);
  });

  it('a namespace typed by the user stays one PromQL string', () => {
    const [q] = measureQueries('te"mpo\\x\n} or vector(1)', '2.10');
    expect(q!.promql).toBe('tempo_distributor_spans_received_total{namespace="te\\"mpo\\\\x} or vector(1)"}');
    expect(promqlString('a"b')).toBe('"a\\"b"');
    expect(measureQueries('', '3.0')[0]!.promql).toBe('tempo_distributor_spans_received_total');
  });

  it('3.0 reads live-stores and Kafka lag; 2.10 reads ingesters', () => {
    const ids = (v: '2.10' | '3.0') => measureQueries('tempo', v).map((q) => q.metric);
    expect(ids('3.0')).toContain('tempo_ingest_group_partition_lag_seconds');
    expect(ids('3.0')).not.toContain('tempo_ingester_live_traces');
    expect(ids('2.10')).toContain('tempo_ingester_traces_created_total');
  });
});
