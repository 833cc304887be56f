// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose's ${VAR} syntax is what these tests feed in
/**
 * docker-compose files read as Docker Compose reads them (merge keys, interpolation, entrypoints,
 * shell quoting, dotted names, counts past the app's limits), mounted files read without leaking
 * them, and a property test over the inner importers (no importAny catch to hide a throw).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, parseScenario } from '../model/scenario';
import { importCompose, type MountRead } from './compose';
import { interpolate, shellWords } from './composeSyntax';
import { importAny } from './index';
import { MAX_EXCERPT_CHARS } from './messages';

const texts = (r: ReturnType<typeof importCompose>) =>
  (r.ok ? r.warnings : r.errors).map((m) => `${m.key ?? ''} ${m.message}`).join('\n');
const replicas = (r: ReturnType<typeof importCompose>) =>
  r.ok ? Object.fromEntries(Object.entries(r.scenario.components).map(([k, c]) => [k, c?.replicas])) : {};
const mustOk = (r: ReturnType<typeof importCompose>) => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
};

// A 3.0.3 distributed setup written with an extension field and merge keys, the way Compose users
// factor out the image and the mounted config (written for this test).
const CONFIG_3_0 = `
memberlist: { join_members: [ "distributor:7946" ] }
ingest: { kafka: { address: redpanda:9092, topic: tempo-ingest, auto_create_topic_default_partitions: 2 } }
backend_worker: { compaction: { block_retention: 48h } }
storage: { trace: { backend: s3, s3: { bucket: traces, endpoint: minio:9000 } } }
`;
const MERGED_3_0 = `
x-tempo: &tempo
  image: grafana/tempo:3.0.3
  volumes: [ "./tempo.yaml:/etc/tempo.yaml" ]
  restart: unless-stopped
services:
  distributor:
    <<: *tempo
    command: [ "-target=distributor", "-config.file=/etc/tempo.yaml" ]
  live-store:
    <<: *tempo
    command: [ "-target=live-store", "-config.file=/etc/tempo.yaml" ]
    deploy: { replicas: 2 }
  block-builder:
    <<: *tempo
    command: [ "-target=block-builder", "-config.file=/etc/tempo.yaml" ]
    deploy: { replicas: 2 }
  query-frontend: { <<: *tempo, command: [ "-target=query-frontend", "-config.file=/etc/tempo.yaml" ] }
  querier:
    <<: *tempo
    command: [ "-target=querier", "-config.file=/etc/tempo.yaml" ]
    deploy: { replicas: 3 }
  backend-scheduler: { <<: *tempo, command: [ "-target=backend-scheduler", "-config.file=/etc/tempo.yaml" ] }
  backend-worker: { <<: *tempo, command: [ "-target=backend-worker", "-config.file=/etc/tempo.yaml" ] }
  redpanda: { image: redpandadata/redpanda:latest }
`;
const readConfig = (want: string, text: string) => (p: string) => (p === want ? text : undefined);

describe('merge keys and extension fields (item 5)', () => {
  it('a 3.0.3 setup built with x-tempo and <<: *tempo keeps its version, replicas and mounted config', () => {
    const r = mustOk(importCompose(MERGED_3_0, readConfig('./tempo.yaml', CONFIG_3_0)));
    expect([r.scenario.tempoVersion, r.scenario.mode]).toEqual(['3.0', 'microservices']);
    expect(replicas(r)).toMatchObject({ 'live-store': 2, 'block-builder': 2, querier: 3, distributor: 1 });
    expect(r.scenario.settings).toMatchObject({ retentionHours: 48, bucket: 'traces', kafkaPartitions: 2 });
  });

  it('Helm values and a tempo.yaml with merge keys are merged too', () => {
    const helm = importAny(
      'x-res: &res\n  resources: { limits: { cpu: 3, memory: 5Gi } }\nquerier:\n  <<: *res\n  replicas: 4\nqueryFrontend: { replicas: 1 }\n',
    );
    if (!helm.ok) throw new Error(JSON.stringify(helm.errors));
    expect(helm.scenario.components.querier).toMatchObject({ replicas: 4, cpu: 3 });
    const tempo = importAny(
      'x-ret: &ret { block_retention: 72h }\ntarget: all\ncompactor:\n  compaction:\n    <<: *ret\n',
    );
    if (!tempo.ok) throw new Error(JSON.stringify(tempo.errors));
    expect(tempo.scenario.settings.retentionHours).toBe(72);
  });
});

describe('interpolation (item 6)', () => {
  it('follows the Compose rules for ${VAR}, ${VAR:-d}, ${VAR-d}, $VAR and $$, every variable unset', () => {
    expect(interpolate('a${X}b').text).toBe('ab');
    expect(interpolate('${X:-3.0.3}').text).toBe('3.0.3');
    expect(interpolate('${X-2.10.8}').text).toBe('2.10.8');
    expect(interpolate('${X:-${Y:-nested}}').text).toBe('nested');
    expect(interpolate('${X:+alt}').text).toBe('');
    expect(interpolate('$$HOME and $$${X:-y}').text).toBe('$HOME and $y');
    expect(interpolate('cost $5').text).toBe('cost $5');
    expect(interpolate('$NAME/x').text).toBe('/x');
    expect(interpolate('${X:?must be set}').unset).toEqual([{ name: 'X', used: '', required: true }]);
    expect(interpolate('${X').invalid).toMatch(/closing/);
    expect(interpolate('${1X}').invalid).toMatch(/variable name/);
  });

  it('image, command, volumes and environment are interpolated, each unset variable named once', () => {
    const compose = `
services:
  tempo:
    image: "grafana/tempo:\${TEMPO_VERSION:-3.0.3}"
    command: "-target=\${TARGET-all} -config.file=\${CONF:-/etc/tempo.yaml}"
    volumes: [ "\${CONF_DIR:-.}/tempo.yaml:\${CONF:-/etc/tempo.yaml}" ]
    environment: [ "PRICE=$$5", "KEY=\${SECRET}" ]
`;
    const asked: string[] = [];
    const r = mustOk(
      importCompose(compose, (p) => {
        asked.push(p);
        return p === './tempo.yaml' ? 'target: all\nserver: { http_listen_port: 3200 }\n' : undefined;
      }),
    );
    expect([r.scenario.tempoVersion, r.scenario.mode]).toEqual(['3.0', 'monolithic']);
    expect(asked).toEqual(['./tempo.yaml']);
    const all = texts(r);
    for (const name of ['TEMPO_VERSION', 'TARGET', 'CONF', 'CONF_DIR', 'SECRET'])
      expect(all.match(new RegExp(`\\$\\{${name}\\}`, 'g'))?.length, name).toBe(1);
    expect(all).toContain('${TEMPO_VERSION} is not set: read as its default "3.0.3"');
    expect(all).toContain('${SECRET} is not set: read as empty');
  });

  it('a ${ without its } is refused with the service named', () => {
    const r = importCompose('services:\n  t:\n    image: "grafana/tempo:${TAG"\n');
    expect(r.ok).toBe(false);
    expect(texts(r)).toMatch(/services\.t .*invalid interpolation/);
  });
});

describe('entrypoint and shell quoting (item 7)', () => {
  it('splits string commands as a shell would', () => {
    expect(shellWords('-target="ingester" -config.file=\'/etc/a b.yaml\'')).toEqual([
      '-target=ingester',
      '-config.file=/etc/a b.yaml',
    ]);
    expect(shellWords('a\\ b "c\\"d" \'e\\f\'')).toEqual(['a b', 'c"d', 'e\\f']);
    expect(shellWords('-target="open')).toBeNull();
  });

  it('-target in entrypoint counts like -target in command; a quoted target is unquoted', () => {
    const r = mustOk(
      importCompose(`
services:
  d: { image: "grafana/tempo:2.10.8", entrypoint: [ "/tempo", "-target=distributor" ], command: [ "-config.file=/etc/t.yaml" ] }
  i: { image: "grafana/tempo:2.10.8", entrypoint: '/tempo -target="ingester"', deploy: { replicas: 3 } }
  q: { image: "grafana/tempo:2.10.8", command: "-target='querier'" }
  f: { image: "grafana/tempo:2.10.8", command: -target=query-frontend }
  c: { image: "grafana/tempo:2.10.8", command: "-target compactor" }
`),
    );
    expect(r.scenario.mode).toBe('microservices');
    expect(replicas(r)).toMatchObject({
      distributor: 1,
      ingester: 3,
      querier: 1,
      'query-frontend': 1,
      compactor: 1,
    });
  });

  it('an open quote is refused with the service and field named', () => {
    const r = importCompose(
      'services:\n  t:\n    image: grafana/tempo:2.10.8\n    command: "-target=\\"all"\n',
    );
    expect(r.ok).toBe(false);
    expect(texts(r)).toContain('services.t.command command has a quote that is never closed');
  });
});

describe('names with dots and counts past the limits (items 8, 9)', () => {
  it('a service named tempo.local keeps its deploy.replicas', () => {
    const r = mustOk(
      importCompose(
        'services:\n  tempo.local:\n    image: grafana/tempo:2.10.8\n    command: "-target=scalable-single-binary"\n    deploy: { replicas: 3 }\n',
      ),
    );
    expect([r.scenario.mode, r.scenario.components.tempo?.replicas]).toEqual(['scalable-single-binary', 3]);
  });

  it('1,500 ingesters are read as 500 with a warning that says so', () => {
    const r = mustOk(
      importCompose(`
services:
  distributor: { image: grafana/tempo:2.10.8, command: "-target=distributor" }
  ingester: { image: grafana/tempo:2.10.8, command: "-target=ingester", deploy: { replicas: 1500 } }
  querier: { image: grafana/tempo:2.10.8, command: "-target=querier" }
`),
    );
    expect(r.scenario.components.ingester?.replicas).toBe(LIMITS.replicas.max);
    expect(texts(r)).toContain(
      '1,500 ingester processes: the playground runs at most 500 per component; read as 500',
    );
  });

  it('1,200 block-builders for 3 partitions are read as 3, said, and the scenario passes its checks', () => {
    const r = mustOk(
      importCompose(
        MERGED_3_0.replace(
          '"-target=block-builder", "-config.file=/etc/tempo.yaml" ]\n    deploy: { replicas: 2 }',
          '"-target=block-builder", "-config.file=/etc/tempo.yaml" ]\n    deploy: { replicas: 1200 }',
        ).replace(
          '"-target=live-store", "-config.file=/etc/tempo.yaml" ]\n    deploy: { replicas: 2 }',
          '"-target=live-store", "-config.file=/etc/tempo.yaml" ]\n    deploy: { replicas: 3 }',
        ),
        readConfig('./tempo.yaml', CONFIG_3_0.replace('partitions: 2', 'partitions: 3')),
      ),
    );
    expect(r.scenario.settings.kafkaPartitions).toBe(3);
    expect(r.scenario.components['block-builder']?.replicas).toBe(3);
    expect(texts(r)).toContain(
      '1,200 block-builders for 3 Kafka partitions: Tempo gives each block-builder one partition, so 1,197 would sit idle; read as 3',
    );
    expect(texts(r)).not.toContain('fails a check');
  });

  it('a count the app cannot fix is imported with the check it fails named', () => {
    // 3 partitions, 3 live-stores (all in the partition ring), 2 block-builders: partition 2 is written to
    // and never consumed (modules/blockbuilder/config.go AssignedPartitions at v3.0.3). One live-store for
    // two partitions is no longer such a case: the partition without one is simply not in the ring.
    const r = mustOk(
      importCompose(
        MERGED_3_0.replace(
          '"-target=live-store", "-config.file=/etc/tempo.yaml" ]\n    deploy: { replicas: 2 }',
          '"-target=live-store", "-config.file=/etc/tempo.yaml" ]\n    deploy: { replicas: 3 }',
        ),
        readConfig('./tempo.yaml', CONFIG_3_0.replace('partitions: 2', 'partitions: 3')),
      ),
    );
    expect(texts(r)).toContain(
      'as written, this file fails a check: 2 block-builders x partitions_per_instance 1 consume partitions 0-1; partition 2 is in the ring',
    );
  });
});

describe('Helm values written as JSON (item 10)', () => {
  it('are read as Helm values, not refused as a scenario file', () => {
    const r = importAny(
      JSON.stringify({ ingester: { replicas: 5 }, querier: { replicas: 2 }, queryFrontend: { replicas: 1 } }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.kind).toContain('tempo-distributed');
    expect(r.scenario.components.ingester?.replicas).toBe(5);
    const single = importAny('{"tempo": {"tag": "2.10.8"}, "replicas": 1}');
    expect(single.ok && single.kind).toContain('tempo chart');
  });

  it('a scenario file still reads as one, and a JSON object that is neither says what a scenario needs', () => {
    const r = importAny('{"hello": 1}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/schemaVersion|tempoVersion/);
  });
});

describe('the SSB compose setup (issue 18 item 7): no stale microservices components', () => {
  it('a mounted tempo.yaml with no target (read alone as microservices) adds no component to SSB', () => {
    const compose = `
services:
${[1, 2, 3]
  .map(
    (n) => `  tempo${n}:
    image: grafana/tempo:2.10.8
    command: "-target=scalable-single-binary -config.file=/etc/tempo.yaml"
    volumes: [ "./tempo.yaml:/etc/tempo.yaml" ]`,
  )
  .join('\n')}
`;
    const config = `
memberlist: { join_members: [ tempo1:7946 ] }
ingester: { lifecycler: { ring: { replication_factor: 3 } } }
storage: { trace: { backend: s3, s3: { bucket: ssb, endpoint: minio:9000 } } }
`;
    const r = mustOk(importCompose(compose, readConfig('./tempo.yaml', config)));
    expect(r.scenario.mode).toBe('scalable-single-binary');
    expect(Object.keys(r.scenario.components)).toEqual(['tempo']);
    expect(r.scenario.components.tempo?.replicas).toBe(3);
    expect(r.scenario.settings).toMatchObject({ replicationFactor: 3, bucket: 'ssb' });
  });
});

const SECRET = 'root:x:0:0:SECRET-LINE:/root:/bin/bash';
describe('mounted files are named, never quoted (items 1, 14)', () => {
  const compose = (source: string) =>
    `services:\n  tempo:\n    image: grafana/tempo:2.10.8\n    command: "-config.file=/etc/tempo.yaml"\n    volumes: [ ${JSON.stringify(`${source}:/etc/tempo.yaml`)} ]\n`;
  it('a mounted file that is not a Tempo config stops the import without a line of it', () => {
    for (const content of [
      SECRET,
      `${SECRET}\n`,
      `SECRET-LINE: 1\nother: 2\n`,
      `- SECRET-LINE\n`,
      'a: [SECRET-LINE',
    ]) {
      const r = importCompose(compose('./tempo.yaml'), () => content);
      expect(r.ok, content).toBe(false);
      expect(texts(r)).toContain('./tempo.yaml (mounted as the config file) is not a Tempo config');
      expect(texts(r)).not.toContain('SECRET');
    }
  });

  it('a refused mount stops the import with the reason', () => {
    const r = importCompose(compose('/etc/passwd'), () => ({ refused: "outside the compose file's folder" }));
    expect(r.ok).toBe(false);
    expect(texts(r)).toContain(
      "/etc/passwd (the mounted tempo.yaml) was not read: outside the compose file's folder",
    );
  });

  it('a 900 KB target is quoted as a short excerpt', () => {
    const target = 'x'.repeat(900_000);
    const r = importCompose(
      `services:\n  t:\n    image: grafana/tempo:2.10.8\n    command: "-target=${target}"\n`,
    );
    expect(r.ok).toBe(false);
    const all = texts(r);
    expect(all.length).toBeLessThan(400);
    expect(all).toContain('(900,000 characters)');
  });
});

describe('compose import never throws (inner importers called directly)', () => {
  const name = fc.oneof(
    fc.constantFrom(
      'tempo',
      'tempo.local',
      'a.b.c',
      'ingester-0',
      '__proto__',
      'constructor',
      'x-tempo',
      '<<',
    ),
    fc.string({ maxLength: 12 }),
  );
  const variable = fc.constantFrom('TAG', 'TARGET', 'X', 'CONF', '1BAD', '');
  const interpolated = (inner: fc.Arbitrary<string>) =>
    fc.oneof(
      inner,
      fc
        .tuple(variable, fc.constantFrom('', ':-', '-', ':?', '?', ':+', '+', '=', '}'), inner)
        .map(([v, op, d]) => `\${${v}${op}${d}}`),
      fc
        .tuple(inner, fc.constantFrom('$$', '$', '${', '$X', '${TAG:-${X:-', '}'))
        .map(([a, b]) => `${a}${b}`),
    );
  const target = fc.constantFrom(
    'all',
    'scalable-single-binary',
    'distributor',
    'ingester',
    'querier',
    'query-frontend',
    'compactor',
    'live-store',
    'block-builder',
    'backend-scheduler',
    'backend-worker',
    'metrics-generator',
    'nope',
  );
  const targetArg = fc.oneof(
    target.map((t) => `-target=${t}`),
    target.map((t) => `-target="${t}"`),
    target.map((t) => `--target='${t}'`),
    interpolated(target).map((t) => `-target=${t}`),
  );
  const args = fc.array(
    fc.oneof(targetArg, fc.constant('-config.file=/etc/tempo.yaml'), fc.string({ maxLength: 10 })),
    {
      maxLength: 4,
    },
  );
  const command = fc.oneof(
    { arbitrary: args, weight: 4 },
    { arbitrary: args.map((a) => a.join(' ')), weight: 4 },
    fc.string({ maxLength: 20 }),
    fc.constant(null),
    fc.integer(),
  );
  const hostilePath = fc.oneof(
    fc.constantFrom(
      './tempo.yaml',
      'tempo.yaml',
      '/etc/passwd',
      '/etc/shadow',
      '/dev/zero',
      '../../../etc/passwd',
      './a/../../b',
      '~/.ssh/id_rsa',
      '/proc/self/environ',
      'C:\\x',
      './fifo',
      './link',
      './big',
      '',
    ),
    fc.string({ maxLength: 16 }),
    interpolated(fc.constantFrom('./tempo.yaml', '/etc/passwd')),
  );
  const mount = fc.oneof(
    { arbitrary: fc.constant('./tempo.yaml:/etc/tempo.yaml'), weight: 3 },
    hostilePath.map((p) => `${p}:/etc/tempo.yaml`),
    hostilePath.map((p) => `${p}:/etc/tempo.yaml:ro`),
    hostilePath.map((p) => ({ type: 'bind', source: p, target: '/etc/tempo.yaml' })),
    fc.anything(),
  );
  const image = fc.oneof(
    { arbitrary: fc.constantFrom('grafana/tempo:2.10.8', 'grafana/tempo:3.0.3'), weight: 4 },
    interpolated(
      fc.constantFrom(
        'grafana/tempo:2.10.8',
        'grafana/tempo:3.0.3',
        'grafana/tempo',
        'grafana/tempo-debug:3.0.3',
      ),
    ),
    fc.constantFrom('docker.io/grafana/tempo:3.0.3', 'grafana/tempo@sha256:abc', 'minio/minio'),
    fc.string({ maxLength: 12 }),
  );
  const replicas = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 6 },
    fc.integer({ min: 0, max: 2000 }),
    fc.constantFrom('${N:-3}', '3', '-1', 1.5, null),
    fc.anything(),
  );
  const service = fc.record(
    {
      image,
      command,
      entrypoint: command,
      volumes: fc.oneof({ arbitrary: fc.array(mount, { maxLength: 3 }), weight: 4 }, fc.anything()),
      deploy: fc.oneof({ arbitrary: fc.record({ replicas }), weight: 4 }, fc.anything()),
      scale: replicas,
      environment: fc.array(interpolated(fc.string({ maxLength: 8 })), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
  /** YAML text: an extension field with an anchor, services merging it (or not), JSON-quoted scalars. */
  const composeText = fc
    .tuple(service, fc.array(fc.tuple(name, service, fc.boolean()), { maxLength: 6 }))
    .map(([base, services]) => {
      const lines = [`x-tempo: &tempo ${JSON.stringify(base)}`, 'services:'];
      for (const [n, svc, merge] of services) {
        lines.push(`  ${JSON.stringify(n)}:`);
        if (merge) lines.push('    <<: *tempo');
        for (const [k, v] of Object.entries(svc))
          if (v !== undefined) lines.push(`    ${k}: ${JSON.stringify(v)}`);
        if (!merge && Object.keys(svc).length === 0) lines.push('    {}');
      }
      return lines.join('\n');
    });
  const mounted = fc.constantFrom<MountRead>(
    undefined,
    { refused: 'a FIFO (named pipe), not a regular file' },
    SECRET,
    `${SECRET}\nserver: {}\n`,
    'target: all\nstorage: { trace: { backend: s3, s3: { bucket: b } } }\n',
    '# Tempo 3.0\ningest: { kafka: { auto_create_topic_default_partitions: 3 } }\nmemberlist: {}\n',
    'target: [SECRET-LINE]\n',
  );

  it('10,000 generated compose files: a result every time, a valid scenario when ok, nothing of a non-Tempo mount shown', () => {
    let imported = 0;
    fc.assert(
      fc.property(composeText, mounted, (text, content) => {
        const sources = new Set<string>();
        const r = importCompose(text, (p) => {
          sources.add(p);
          return content;
        });
        expect(sources.size).toBeLessThanOrEqual(1);
        if (r.ok) {
          imported++;
          expect(parseScenario(r.scenario).ok).toBe(true);
          for (const c of Object.values(r.scenario.components))
            expect(c?.replicas).toBeLessThanOrEqual(LIMITS.replicas.max);
        } else expect(r.errors.length).toBeGreaterThan(0);
        const shown = texts(r);
        // The line of a file that is not a Tempo config never reaches a message.
        if (content === SECRET || content === `${SECRET}\n`) expect(shown).not.toContain('SECRET-LINE');
        for (const m of r.ok ? r.warnings : r.errors)
          expect(m.message.length).toBeLessThan(600 + 4 * MAX_EXCERPT_CHARS);
      }),
      { numRuns: 10_000 },
    );
    // The generator reaches the importer's success path often, not only its refusals: about 5% of
    // the runs (507, 517 and 530 of 10,000 on three seeds; a standard deviation of about 22), so 300
    // holds on any seed while a generator that stopped producing importable files still fails.
    expect(imported).toBeGreaterThan(300);
  }, 300_000);
});

describe('messages quote an excerpt, whichever importer and CLI (item 14)', () => {
  it('a 900 KB target in a tempo.yaml, Helm values or a compose service name is cut', () => {
    const long = 'y'.repeat(900_000);
    for (const text of [
      `target: ${long}\n`,
      `tempo:\n  retention: ${long}\n`,
      `services:\n  ${long}:\n    image: grafana/tempo:2.10.8\n    command: "-target=nope"\n`,
    ]) {
      const r = importAny(text);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      for (const e of r.errors) {
        expect(e.message.length).toBeLessThan(700);
        expect((e.key ?? '').length).toBeLessThan(300);
      }
    }
  });
});

describe('values that define their own toString', () => {
  it('a mapping with a toString key is described, never converted (the property test found it)', () => {
    const r = importCompose(
      'x-tempo: &tempo {}\nservices:\n  "tempo":\n    command: "-target=all"\n    deploy: {"replicas":{"toString":0}}',
      undefined,
    );
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.errors[0]?.message).toBe('replicas must be a whole number from 0 (got a mapping)');
  });
});
