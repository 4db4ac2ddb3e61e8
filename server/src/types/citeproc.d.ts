// The small part of citeproc-js (npm "citeproc") the renderer uses; the package has no types.
declare module 'citeproc' {
  export interface CiteprocSys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): unknown;
  }
  export interface CitationItem {
    id: string;
    prefix?: string;
    suffix?: string;
    locator?: string;
    label?: string;
    'suppress-author'?: boolean;
    'author-only'?: boolean;
  }
  export interface Citation {
    citationID: string;
    citationItems: CitationItem[];
    /** `unsorted`: keep the items in the order given (not the style's sort). */
    properties: { noteIndex: number; unsorted?: boolean };
  }
  export class Engine {
    constructor(sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean);
    updateItems(ids: string[]): void;
    updateUncitedItems(ids: string[]): void;
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    rebuildProcessorState(citations: Citation[], mode?: 'html' | 'text' | 'rtf', uncitedItemIDs?: string[]): [string, number, string][];
    /** `flag` CSL.ASSUME_ALL_ITEMS_REGISTERED: no updateItems inside. Answers [data, [index, html, citationID][]]. */
    processCitationCluster(citation: Citation, citationsPre: [string, number][], citationsPost: [string, number][], flag?: number): [unknown, [number, string, string][]];
    /** `update_mode` is CSL.POSITION when the style tests a cite's position (ibid, subsequent, …). */
    readonly opt: { update_mode: number };
    makeBibliography(): false | [{ entry_ids: string[][]; bibstart: string; bibend: string; hangingindent?: number }, string[]];
  }
  const CSL: { Engine: typeof Engine; POSITION: number; ASSUME_ALL_ITEMS_REGISTERED: number };
  export default CSL;
}
