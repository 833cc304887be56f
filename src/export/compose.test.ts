import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, normalizeScenario, type Scenario } from '../model/scenario';
import { composeExport } from './compose';
import { checkCompose, composeSchemaErrors } from './composeCheck';
import { deployVariants } from './deployVariants';

type Service = { command?: string[]; hostname?: string; environment?: Record<string, string> };
const services = (s: Scenario) =>
  parse(composeExport(s).files.find((f) => f.name === 'docker-compose.yaml')?.text ?? '').services as Record<
    string,
    Service
  >;
const tempoYaml = (s: Scenario) =>
  parse(composeExport(s).files.find((f) => f.name === 'tempo.yaml')?.text ?? '');
const targets = (s: Scenario, t: string) =>
  Object.entries(services(s)).filter(([, x]) => x.command?.includes(`-target=${t}`));

describe('docker-compose export', () => {
  for (const { id, scenario } of deployVariants()) {
    it(`${id}: valid Compose, Tempo keys of its version, wiring resolves`, () => {
      expect(checkCompose(scenario).problems).toEqual([]);
    });
  }

  it('no file of any export uses YAML anchors (a reader should see every value where it applies)', () => {
    for (const { scenario } of deployVariants())
      for (const f of composeExport(scenario).files) expect(f.text, f.name).not.toMatch(/[&*]a\d+\b/);
  });

  it('the schema check is real: a service without an image or build and a bad port list fail', () => {
    expect(composeSchemaErrors({ services: { a: { ports: 'x' } } }).length).toBeGreaterThan(0);
    expect(composeSchemaErrors({ services: { a: { image: 'x', bogus: 1 } } }).length).toBeGreaterThan(0);
  });

  it('runs every pair with Grafana, a Tempo data source and a trace generator', () => {
    for (const [v, m] of SUPPORTED_PAIRS) {
      const c = composeExport(createScenario(v, m));
      const svc = services(createScenario(v, m));
      expect(svc.grafana).toBeDefined();
      expect(svc['trace-generator']).toBeDefined();
      const ds = parse(c.files.find((f) => f.name === 'grafana-datasources.yaml')?.text ?? '');
      expect(ds.datasources[0].type).toBe('tempo');
    }
  });

  it('3.0 microservices: Redpanda with the topic at the scenario partitions, block-builders named -0..-N', () => {
    const s = createScenario('3.0', 'microservices');
    s.settings.kafkaPartitions = 6;
    const n = normalizeScenario({
      ...s,
      components: {
        ...s.components,
        'block-builder': { ...s.components['block-builder']!, replicas: 6 },
        'live-store': { ...s.components['live-store']!, replicas: 6 },
      },
    });
    const svc = services(n);
    expect(JSON.stringify(svc['redpanda-init'])).toContain('--partitions 6');
    expect(targets(n, 'block-builder').map(([k]) => k)).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `block-builder-${i}`),
    );
    expect(tempoYaml(n).block_builder.partitions_per_instance).toBe(1);
    expect(tempoYaml(n).ingest.kafka.address).toBe('redpanda:9092');
  });

  it('live-stores equal the partitions times the zones, each zone numbered from 0', () => {
    const s = createScenario('3.0', 'microservices');
    const p = s.settings.kafkaPartitions;
    expect(targets(s, 'live-store')).toHaveLength(p);
    const zoned = normalizeScenario({
      ...s,
      components: { ...s.components, 'live-store': { ...s.components['live-store']!, replicas: 2 * p } },
    });
    const ls = targets(zoned, 'live-store');
    expect(ls).toHaveLength(2 * p);
    expect(ls.map(([k]) => k)).toContain(`live-store-zone-b-${p - 1}`);
    expect(
      ls.filter(([, x]) => x.command?.includes('-live-store.instance-availability-zone=zone-a')),
    ).toHaveLength(p);
  });

  it('s3 goes to MinIO with the bucket passed as data, never spliced into a shell command', () => {
    const s = createScenario('2.10', 'scalable-single-binary');
    s.settings.bucket = 'b"; rm -rf / #$HOME';
    const minio = services(s).minio as { entrypoint: string[]; environment: Record<string, string> };
    expect(minio.entrypoint.join(' ')).not.toContain('rm -rf');
    expect(minio.environment.BUCKET).toBe('b"; rm -rf / #$$HOME');
    expect(tempoYaml(s).storage.trace.s3.endpoint).toBe('minio:9000');
  });

  it("all of /var/tempo on a volume per process, handed to Tempo's user by an init service that must finish first", () => {
    for (const [v, m] of SUPPORTED_PAIRS) {
      const svc = services(createScenario(v, m)) as Record<string, Service & Record<string, unknown>>;
      const tempo = Object.entries(svc).filter(([, x]) => x.command?.some((a) => a.startsWith('-target=')));
      const init = svc['tempo-init'] as { volumes: string[]; command: string[] };
      expect(init.command).toEqual(['chown', '-R', '10001:10001', '/data']);
      for (const [name, x] of tempo) {
        expect(x.volumes, name).toContain(`${name}-data:/var/tempo`);
        expect(init.volumes, name).toContain(`${name}-data:/data/${name}-data`);
        expect((x.depends_on as Record<string, unknown>)['tempo-init']).toEqual({
          condition: 'service_completed_successfully',
        });
      }
    }
  });

  it('a topic left with fewer partitions is grown, one with more stops the setup with the reason', () => {
    const s = createScenario('3.0', 'microservices');
    const p = s.settings.kafkaPartitions;
    const init = services(s)['redpanda-init'] as { command: string[]; depends_on: unknown };
    // Compose turns $$ into $ before the shell sees it.
    const script = (init.command[0] ?? '').replaceAll('$$', '$');
    // rpk as a shell function that plays a broker whose topic already has HAVE partitions.
    const rpk = [
      'rpk() {',
      '  case "$1 $2" in',
      '    "cluster info") return 0 ;;',
      '    "topic create") [ "$HAVE" -gt 0 ] && { echo TOPIC_ALREADY_EXISTS; return 1; }; return 0 ;;',
      '    "topic describe") echo "PARTITION  LEADER"; n=$HAVE; [ "$n" -eq 0 ] && n=$WANT; seq 0 $((n - 1)) ;;',
      '    "topic add-partitions") echo "$@" >&3 ;;',
      '  esac',
      '}',
    ].join('\n');
    const run = (have: number) => {
      const r = spawnSync('bash', ['-c', `${rpk}\n{ ${script}\n} 3>&1 1>/dev/null`], {
        env: { ...process.env, HAVE: String(have), WANT: String(p) },
        encoding: 'utf8',
        timeout: 20_000,
      });
      return { status: r.status, stderr: r.stderr, added: r.stdout };
    };
    expect(run(0)).toMatchObject({ status: 0, added: '' });
    expect(run(p)).toMatchObject({ status: 0, added: '' });
    const grown = run(1);
    expect(grown.status).toBe(0);
    expect(grown.added).toContain(`add-partitions tempo-traces --num ${p - 1}`);
    const more = run(p + 2);
    expect(more.status).toBe(1);
    expect(more.stderr).toContain(`has ${p + 2} partitions, the scenario ${p}`);
  });
});
