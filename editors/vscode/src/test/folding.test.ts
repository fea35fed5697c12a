// Tests folding by headings, front matter and region markers.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldingRanges } from '../folding';

function folds(text: string): string[] {
  return foldingRanges(text.split('\n')).map(
    (range) => `${range.start}-${range.end}${range.isRegion ? ' region' : ''}`,
  );
}

describe('foldingRanges', () => {
  test('folds sections up to the next heading of the same level', () => {
    const text = ['# Title', '', '## Observe', '- O1: x', '', '### Detail', 'text', '## Orient', 'text', ''].join('\n');
    assert.deepEqual(folds(text), ['0-8', '2-6', '5-6', '7-8']);
  });

  test('folds the front matter', () => {
    assert.deepEqual(folds(['---', 'id: INC-1', '---', '# Title'].join('\n')), ['0-2']);
    assert.deepEqual(folds(['---', 'id: INC-1', '# Title'].join('\n')), []);
  });

  test('ignores headings in fenced code', () => {
    const text = ['## Act', '```', '## not a heading', '```', 'text', '~~~', '# no', '~~~'].join('\n');
    assert.deepEqual(folds(text), ['0-7']);
  });

  test('folds region markers', () => {
    const text = ['<!-- #region notes -->', 'a', '<!-- #endregion -->', '<!-- #endregion -->'].join('\n');
    assert.deepEqual(folds(text), ['0-2 region']);
  });

  test('does not fold a heading without content', () => {
    assert.deepEqual(folds(['## Summary', '', '## Impact'].join('\n')), []);
  });
});
