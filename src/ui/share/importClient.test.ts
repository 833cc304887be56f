import { afterEach, describe, expect, it, vi } from 'vitest';
import { importAny } from '../../import';
import { createScenario } from '../../model/scenario';
import { importInWorker } from './importClient';

/** A stand-in for the browser's Worker: runs the importer, or hangs like one stuck on hostile input. */
class FakeWorker {
  static hang = false;
  static terminated = 0;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault: () => void }) => void) | null = null;
  postMessage(req: { text: string; base: ReturnType<typeof createScenario> }) {
    if (FakeWorker.hang) return;
    setTimeout(() => this.onmessage?.({ data: importAny(req.text, req.base) }), 0);
  }
  terminate() {
    FakeWorker.terminated++;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.hang = false;
  FakeWorker.terminated = 0;
});

describe('imports off the main thread', () => {
  it("answers with the importer's result and stops the worker", async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const r = await importInWorker('target: all\n', createScenario()).result;
    expect(r.ok && r.scenario.mode).toBe('monolithic');
    expect(FakeWorker.terminated).toBe(1);
  });

  it('an import past the time limit is stopped with a message; nothing is imported', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.hang = true;
    const t0 = performance.now();
    const r = await importInWorker('target: all\n', createScenario(), 50).result;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r).toEqual({
      ok: false,
      errors: [
        { message: 'the import took longer than 0.05 s and was stopped; the current scenario is unchanged' },
      ],
    });
    expect(FakeWorker.terminated).toBe(1);
  });

  it('a browser without module workers gets a message, not an exception', async () => {
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new Error('module workers are not supported');
        }
      },
    );
    const r = await importInWorker('target: all\n', createScenario()).result;
    expect(r).toEqual({
      ok: false,
      errors: [{ message: 'this browser could not start the importer (module workers are not supported)' }],
    });
  });
});
