// An in-memory host for running the service without a process or a disk.
import picomatch from 'picomatch';

export function memoryHost(files = {}, { bundled = [] } = {}) {
  const store = new Map(Object.entries(files));
  const times = new Map();
  const host = {
    store,
    reads: [],
    write(file, text) {
      store.set(file, text);
      times.set(file, (times.get(file) ?? 0) + 1);
    },
    cache: undefined,
    /** Caches saved under a name (the default one is `cache`). */
    caches: new Map(),
    bundledCorpusPaths: () => [...bundled],
    fingerprint: (file) => (store.has(file) ? String(hashOf(store.get(file))) : undefined),
    readCache: (name) => (name ? host.caches.get(name) : host.cache),
    writeCache: (bytes, name) => {
      if (name) host.caches.set(name, bytes);
      else host.cache = bytes;
    },
    readCorpusFile(file) {
      host.reads.push(file);
      const text = store.get(file);
      return text === undefined ? { file, line: 1, severity: 'error', message: 'file not found' } : { path: file, text };
    },
    readNote(file, maxBytes) {
      const text = store.get(file);
      if (text === undefined) return { missing: true };
      return text.length > maxBytes ? { tooLarge: text.length } : { text };
    },
    stat(file) {
      const text = store.get(file);
      return text === undefined ? undefined : { size: text.length, mtimeMs: times.get(file) ?? 0, isFile: true };
    },
    findFiles(folder, include, exclude) {
      const prefix = folder.endsWith('/') ? folder : folder + '/';
      return [...store.keys()]
        .filter((f) => f.startsWith(prefix))
        .filter((f) => picomatch.isMatch(f.slice(prefix.length), include, { dot: true }) && !picomatch.isMatch(f.slice(prefix.length), exclude, { dot: true }))
        .sort();
    },
  };
  return host;
}

function hashOf(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}
