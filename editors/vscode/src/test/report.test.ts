// Tests what the extension takes from the server's report answer.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { panelTitle, reportDocument, reportHtml, SHOW_REPORT_COMMAND, withReportInWebview } from '../report';

describe('withReportInWebview', () => {
  test('adds the option and keeps the others', () => {
    assert.deepEqual(withReportInWebview(undefined), { reportInWebview: true });
    assert.deepEqual(withReportInWebview({ other: 1 }), { other: 1, reportInWebview: true });
    assert.deepEqual(withReportInWebview({ reportInWebview: false }), { reportInWebview: true });
    assert.deepEqual(withReportInWebview(['x']), { reportInWebview: true });
  });
});

describe('reportHtml', () => {
  test('takes the page from the answer', () => {
    assert.equal(reportHtml({ html: '<p>x</p>', uri: 'file:///tmp/a.html' }), '<p>x</p>');
  });

  test('refuses other answers', () => {
    for (const answer of [null, undefined, 'html', 3, {}, { html: 3 }]) {
      assert.equal(reportHtml(answer), undefined);
    }
  });
});

describe('reportDocument', () => {
  test('is the first argument when it is a string', () => {
    assert.equal(reportDocument(['file:///a.incident']), 'file:///a.incident');
    assert.equal(reportDocument([]), undefined);
    assert.equal(reportDocument([{ uri: 'x' }]), undefined);
  });
});

describe('panelTitle', () => {
  test('names the file', () => {
    assert.equal(panelTitle('file:///home/a/checkout%20outage.incident'), 'Timeline: checkout outage.incident');
    assert.equal(panelTitle('file:///a/b.incident.md?x=1#y'), 'Timeline: b.incident.md');
    assert.equal(panelTitle('untitled:Untitled-1'), 'Timeline: Untitled-1');
    assert.equal(panelTitle('file:///a/%E0%A4%A.incident'), 'Timeline: %E0%A4%A.incident');
  });
});

test('the command is the one the server announces', () => {
  assert.equal(SHOW_REPORT_COMMAND, 'incident-lint.showReport');
});
