// The text that replaces a citation's key (the range of the key alone, after "@" or "@{"):
// a key Pandoc reads only in braces (`weird2021-`, `a,b`) gets them when the citation has none,
// so a fix never leaves `@weird2021-`, which Pandoc reads as `@weird2021` followed by "-".
import type { Range } from 'vscode-languageserver/node';
import { isValidCitationKey } from '../core/pandoc/entryKeys';
import type { ServerContext } from '../context';

export function replacementKey(context: ServerContext, uri: string, range: Range, key: string): string {
  if (isValidCitationKey(key)) return key;
  const citation = context.service.citationUnder(uri, range.start);
  const braced = citation !== undefined && citation.keyStart === citation.start + 2;
  return braced ? key : `{${key}}`;
}
