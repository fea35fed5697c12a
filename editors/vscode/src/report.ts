// The "Show timeline" lens: what the extension takes from the server's answer and how it names
// the view. This module does not import `vscode`, so its tests run under plain node.

/** The server command behind the lens; its one argument is the document URI. */
export const SHOW_REPORT_COMMAND = 'incident-lint.showReport';

/** The `initializationOptions` sent to the server: `options` with `reportInWebview` set, so the
 * server does not also open the page in a browser. */
export function withReportInWebview(options: unknown): Record<string, unknown> {
  const base = typeof options === 'object' && options !== null && !Array.isArray(options) ? options : {};
  return { ...base, reportInWebview: true };
}

/** The page in the server's `{ html, uri }` answer, or `undefined` for any other answer. */
export function reportHtml(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) {
    return undefined;
  }
  const html: unknown = (result as { html?: unknown }).html;
  return typeof html === 'string' ? html : undefined;
}

/** The document URI among the command's arguments. */
export function reportDocument(args: readonly unknown[]): string | undefined {
  const [uri] = args;
  return typeof uri === 'string' ? uri : undefined;
}

/** The title of the view: `Timeline: <file name>`. */
export function panelTitle(documentUri: string): string {
  const path = documentUri.replace(/[?#].*$/s, '');
  const lastSlash = path.lastIndexOf('/');
  const encoded = lastSlash >= 0 ? path.slice(lastSlash + 1) : path.slice(path.indexOf(':') + 1);
  let name = encoded;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    // A malformed escape: the name as written is still recognisable.
  }
  return `Timeline: ${name === '' ? documentUri : name}`;
}
