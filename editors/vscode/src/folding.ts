// Computes folding ranges for headings, front matter and `<!-- #region -->` markers.
// This module does not import `vscode`, so its tests run under plain node.

/** A range of lines to fold, zero-based and inclusive. */
export interface FoldRange {
  start: number;
  end: number;
  isRegion: boolean;
}

/**
 * Folds each ATX heading up to the next heading of the same or a higher level,
 * the front matter, and region markers. Headings inside fenced code blocks are ignored.
 */
export function foldingRanges(lines: readonly string[]): FoldRange[] {
  const ranges: FoldRange[] = [];
  const openHeadings: { level: number; line: number }[] = [];
  const openRegions: number[] = [];
  let openFence: string | undefined;

  const closeHeadings = (level: number, lastLine: number): void => {
    while (openHeadings.length > 0 && openHeadings[openHeadings.length - 1]!.level >= level) {
      const heading = openHeadings.pop()!;
      let end = lastLine;
      while (end > heading.line && lines[end]!.trim() === '') {
        end--;
      }
      if (end > heading.line) {
        ranges.push({ start: heading.line, end, isRegion: false });
      }
    }
  };

  let lineIdx = frontMatterEnd(lines);
  if (lineIdx > 0) {
    ranges.push({ start: 0, end: lineIdx, isRegion: false });
    lineIdx++;
  }
  for (; lineIdx < lines.length; lineIdx++) {
    const line = lines[lineIdx]!;
    if (openFence !== undefined) {
      if (closesFence(line, openFence)) {
        openFence = undefined;
      }
      continue;
    }
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    const heading = /^ {0,3}(#{1,6})(?:[ \t]|$)/.exec(line);
    if (fence !== null) {
      openFence = fence[1];
    } else if (heading !== null) {
      const level = heading[1]!.length;
      closeHeadings(level, lineIdx - 1);
      openHeadings.push({ level, line: lineIdx });
    } else if (/^\s*<!--\s*#?region\b/.test(line)) {
      openRegions.push(lineIdx);
    } else if (/^\s*<!--\s*#?endregion\b/.test(line)) {
      const start = openRegions.pop();
      if (start !== undefined) {
        ranges.push({ start, end: lineIdx, isRegion: true });
      }
    }
  }
  closeHeadings(1, lines.length - 1);
  return ranges.sort((left, right) => left.start - right.start);
}

/** Returns the line of the closing front matter fence, or 0 when there is no closed front matter. */
function frontMatterEnd(lines: readonly string[]): number {
  if (lines[0]?.trimEnd() !== '---') {
    return 0;
  }
  const closing = lines.findIndex((line, lineIdx) => lineIdx > 0 && /^(---|\.\.\.)\s*$/.test(line));
  return Math.max(closing, 0);
}

function closesFence(line: string, openFence: string): boolean {
  const fence = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return fence !== null && fence[1]![0] === openFence[0] && fence[1]!.length >= openFence.length;
}
