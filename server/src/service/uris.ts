// One spelling per file: URIs are canonicalised where they enter the server, with vscode-uri
// (VS Code's own implementation), so `file:///c%3A/a.md`, `file:///C:/a.md` and `%c3%bc` vs
// `%C3%BC` name one note.
import { URI } from 'vscode-uri';

/** The canonical form of a URI; anything unparsable is kept as it came. */
export function canonicalUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}
