// The pure core: parsing, corpus, search, citations, topics. No editor or LSP imports.
export * from './model';
export * from './text';
export * from './titleSplit';
export * from './listingParser';
export * from './digestParser';
export * from './merge';
export * from './keys';
export * from './corpus';
export * from './search';
export * from './card';
export * from './citations';
export * from './notes';
export * from './topics';
export * from './graph';
