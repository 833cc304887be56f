import { expect, expectNoAxeViolations, freshStart, nodeIds, test } from './fixtures';

// Written for these tests in the shape of Tempo's scalable-single-binary docker-compose example.
const SSB_COMPOSE = `services:
${[1, 2, 3]
  .map(
    (i) => `  tempo${i}:
    image: grafana/tempo:2.10.8
    command: "-target=scalable-single-binary -config.file=/etc/tempo.yaml"
    volumes: [ "./tempo-ssb.yaml:/etc/tempo.yaml" ]`,
  )
  .join('\n')}
`;
const SSB_CONFIG = `server:
  http_listen_port: 3200
ingester:
  max_block_duration: 5m
compactor:
  compaction:
    block_retention: 1h
memberlist:
  join_members: [tempo1:7946, tempo2:7946, tempo3:7946]
storage:
  trace:
    backend: s3
    s3:
      bucket: tempo
querier:
  frontend_worker:
    frontend_address: tempo:9095
`;

const MANIFESTS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: tempo
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: tempo
          image: grafana/tempo:2.10.8
          args: ["-config.file=/conf/tempo.yaml"]
          resources: { limits: { cpu: "3", memory: 6Gi } }
          volumeMounts: [{ name: conf, mountPath: /conf }]
      volumes: [{ name: conf, configMap: { name: tempo } }]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: tempo
data:
  tempo.yaml: |
    compactor:
      compaction:
        block_retention: 96h
`;

const tempoNodes = async (page: Parameters<typeof nodeIds>[0]) =>
  (await nodeIds(page)).filter((id) => /^tempo-\d+$/.test(id));

test('a docker-compose import, then its mounted tempo.yaml: the settings fill in, the three replicas stay', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(SSB_COMPOSE);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-warnings')).toContainText(
    './tempo-ssb.yaml (the mounted tempo.yaml) was not read',
  );
  await expect(page.getByTestId('notice').last()).toContainText(
    'Imported Tempo 2.10 scalable-single-binary from docker-compose',
  );
  await expectNoAxeViolations(page);
  await page.getByTestId('import-text').fill(SSB_CONFIG);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('notice').last()).toContainText(
    'Imported Tempo 2.10 scalable-single-binary from tempo.yaml',
  );
  await page.keyboard.press('Escape');
  expect(await tempoNodes(page)).toHaveLength(3);
});

test('the same tempo.yaml on its own is one monolithic process, and the warning says why', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(SSB_CONFIG);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-warnings')).toContainText(
    'no target: Tempo runs this file as target all',
  );
  await expect(page.getByTestId('notice').last()).toContainText('Imported Tempo 2.10 monolithic');
  await page.keyboard.press('Escape');
  expect((await tempoNodes(page)).length).toBeLessThanOrEqual(1);
});

test('Kubernetes manifests import with the tempo.yaml of their ConfigMap', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(MANIFESTS);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('notice').last()).toContainText(
    'Imported Tempo 2.10 monolithic from Kubernetes manifests (Tempo 2.10.8 monolithic, 1 Tempo workloads)',
  );
});
