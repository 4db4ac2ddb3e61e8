// Placeholder until the language server lands.
export {};
