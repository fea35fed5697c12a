// Tests mapping client states to the status bar item.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { presentStatus, statusFromClientState, type ServerStatus } from '../status';

describe('statusFromClientState', () => {
  test('maps starting and running', () => {
    assert.equal(statusFromClientState('Starting', false), 'starting');
    assert.equal(statusFromClientState('Running', false), 'running');
  });

  test('tells a requested stop from a crash', () => {
    assert.equal(statusFromClientState('Stopped', true), 'stopped');
    assert.equal(statusFromClientState('Stopped', false), 'error');
  });
});

describe('presentStatus', () => {
  test('gives every status its own text', () => {
    const statuses: ServerStatus[] = ['starting', 'running', 'stopped', 'error'];
    const texts = statuses.map((status) => presentStatus(status).text);
    assert.equal(new Set(texts).size, statuses.length);
    for (const text of texts) {
      assert.match(text, /^\$\([a-z~-]+\) incident-lint$/);
    }
  });

  test('marks only errors', () => {
    assert.equal(presentStatus('running').isError, false);
    assert.equal(presentStatus('error').isError, true);
  });

  test('shows the error detail in the tooltip', () => {
    assert.match(presentStatus('error', 'incident-lint: `x` is missing.').tooltip, /^incident-lint: `x` is missing\. /);
    assert.match(presentStatus('error').tooltip, /stopped unexpectedly/);
  });
});
