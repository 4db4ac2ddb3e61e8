// Deterministic synthetic corpora for the benchmark: papers with real-looking titles (technical
// words, method names, the usual title shapes), authors from many languages (accents, particles,
// hyphenated and doubled names) and abstracts of real length. Deterministic, so every run
// measures the same corpus.
let seed = 42;
export const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
export const pick = (list) => list[Math.floor(random() * list.length)];
/** Low indices far more often, as word frequencies go. */
const zipf = (list, skew = 2.2) => list[Math.floor(list.length * random() ** skew)];
const capital = (w) => w[0].toUpperCase() + w.slice(1);
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const split = (text) => text.trim().split(/\s+/);
const adjectives = split(`neural deep graph efficient robust scalable sparse stochastic bayesian adversarial
  generative contrastive causal geometric equivariant invariant hierarchical multimodal federated
  differentiable probabilistic variational latent implicit explicit linear nonlinear convex spectral
  temporal spatial dynamic adaptive optimal approximate exact local global continuous discrete quantum
  molecular cellular genomic clinical chemical physical statistical topological riemannian hyperbolic
  symmetric orthogonal lowrank structured unsupervised supervised selfsupervised semisupervised
  interpretable explainable fair private secure distributed decentralized asynchronous parallel online
  offline multiagent autoregressive recurrent convolutional attentional transformerbased diffusionbased
  scorebased energybased kernelized gaussian markovian stationary nonstationary heterogeneous
  homogeneous multiscale multilingual crosslingual zeroshot fewshot incremental continual lifelong
  compositional modular sequential conditional counterfactual bidirectional regularized calibrated
  uncertain noisy corrupted imbalanced longtailed anisotropic isotropic permutation rotational`);
const nouns = split(`networks learning models transformers diffusion representations embeddings attention
  optimization inference estimation regression classification segmentation detection generation
  reconstruction alignment retrieval reasoning planning control policies agents environments rewards
  graphs manifolds kernels operators fields flows dynamics systems equations solvers simulations
  molecules proteins crystals materials genomes cells tissues images videos speech language text
  translation summarization dialogue questions answers benchmarks datasets evaluation robustness
  generalization calibration uncertainty interpretability privacy fairness compression quantization
  pruning distillation sampling tokenization pretraining finetuning adaptation transfer meta priors
  posteriors likelihoods gradients hessians tensors matrices spectra symmetries invariances
  equivariance geometry topology curvature wavelets signals sensors robots navigation manipulation
  locomotion trajectories forecasting anomalies outliers clusters communities hypergraphs knowledge
  ontologies programs proofs theorems circuits hardware accelerators memory caches compilers
  schedulers markets auctions games equilibria mechanisms epidemics climate weather turbulence
  plasmas galaxies neutrinos qubits entanglement photonics catalysts batteries polymers enzymes
  antibodies ligands docking folding phylogenies mutations transcriptomics proteomics imaging
  radiology pathology diagnosis prognosis treatment trials cohorts surveys censuses elections`);
const roots = split(`graph morph spectr chrom phot electr magnet therm hydr cardi neur gen prot lip carb
  nitr oxid sulf ferr plasm cyt hem immun path onc derm gastr hepat nephr pulmon oste myo vasc
  lumin son seism geo astro cosmo quant stoch topo metr lex syntact semant phon prag tax phyl eco
  bio chem mech kinet dynam stat sens motor vis aud tact olfact`);
const prefixes = split('hyper meta poly multi micro macro nano photo electro thermo hydro bio geo neuro cyto immuno quasi pseudo semi super inter intra trans');
const suffixes = split('ology ometry ography ogenesis ization ation ician ical ic osis ase itis otropic ogenic ometric');
/** Technical words that are not in the lists above, as a field's rarer vocabulary is. */
const rareWords = Array.from(new Set(Array.from({ length: 40000 }, () => (random() < 0.6 ? pick(prefixes) : '') + pick(roots) + pick(suffixes))));
const methodParts = split('Graph Flow Diff Net Former Mamba Lo Ra Bert Gen Mol Fold Quant Sim Vision Prot Crystal Sparse Mix Meta Auto Hyper Neuro Geo Chem Seq Point Mesh Field Wave Token Prompt Agent Code');
const common = split(`the of and in to a we is for that on with by this as are our from be an which can show
  model method results learning data neural network approach problem performance propose training task
  tasks based using new two framework state art experiments demonstrate existing however while these
  such both than also more its their has been it not only when into large small across between`);

/** A title-word draw: everyday technical words most often, a field's rare words now and then. */
function titleWord(kind) {
  if (random() < 0.35) return zipf(rareWords, 1.6);
  return zipf(kind === 'noun' ? nouns : adjectives);
}
const phrase = () => `${capital(titleWord('adj'))} ${capital(titleWord('noun'))}`;
const method = () => pick(methodParts) + pick(methodParts) + (random() < 0.3 ? String(1 + Math.floor(random() * 4)) : '');
const TITLE_SHAPES = [
  () => `${phrase()} for ${phrase()}`,
  () => `${method()}: ${phrase()} with ${capital(titleWord('noun'))}`,
  () => `Towards ${phrase()} in ${phrase()}`,
  () => `On the ${capital(titleWord('noun'))} of ${phrase()}`,
  () => `Learning ${phrase()} from ${capital(titleWord('adj'))} ${capital(titleWord('noun'))}`,
  () => `${phrase()} via ${phrase()}`,
  () => `${capital(titleWord('adj'))} ${phrase()} and ${capital(titleWord('noun'))}`,
  () => `${method()}: ${capital(titleWord('adj'))} ${phrase()} at Scale`,
];
export const title = () => pick(TITLE_SHAPES)();

const families = split(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Kim Lee Park
  Choi Jung Kang Cho Yoon Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Sato Smith
  Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson Thompson
  White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill
  Campbell Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy
  Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson
  Brooks Bennett Gray James Hughes Price Sanders Myers Long Ross Foster Müller Schmidt Schneider Fischer
  Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann
  Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Köhler Jegelka García Fernández González
  Rodríguez López Martínez Sánchez Pérez Gómez Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero
  Navarro Núñez Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo
  Conti Costa Giordano Mancini Lombardi Moretti Dubois Durand Lefèvre Moreau Laurent Simon Michel
  Lefebvre Leroy Roux Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Jégou Mercier
  Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Dvořák Novák Svoboda
  Černý Procházka Kuřák Horváth Nagy Kovács Szabó Tóth Varga Papadopoulos Nikolaidis Georgiou Ivanov
  Smirnov Kuznetsov Popov Sokolov Petrov Volkov Kozlov Novikov Morozov Pavlov Andersson Johansson
  Karlsson Nilsson Eriksson Larsson Olsson Persson Björk Ångström Ødegaard Hansen Jensen Nielsen
  Pedersen Kristensen Virtanen Korhonen Mäkinen Nieminen Hämäläinen Laine Yılmaz Kaya Demir Şahin
  Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Kılıç Cohen Levi Mizrahi Friedman Katz Singh Kumar
  Sharma Patel Gupta Reddy Iyer Rao Nair Das Banerjee Chatterjee Mukherjee Bose Ghosh Nguyen Tran
  Pham Hoang Phan Vu Dang Bui Do Ngo Duong Ly Silva Santos Oliveira Souza Pereira Costa Carvalho
  Almeida Ferreira Ribeiro Gonçalves Okafor Adeyemi Mensah Owusu Abubakar Mwangi Kamau Otieno
  O'Neil O'Brien McDonald MacLeod Fitzgerald`);
const particled = split(`Berg Bosch Heijden Linden Meer Waals Veen Broek Dijk Leeuwen Hoeven Wal Burg Ven
  Humboldt Neumann Braun Weizsäcker Luxburg Kügelgen Silva Costa Souza Rosa Santos Luca Angelis Martino
  Vito Marco Bois Pont Hoop Boer`);
const PARTICLES = ['van der', 'van den', 'van', 'von', 'de', 'da', 'di', 'du', 'de la', 'ter', 'van de'];
const givens = split(`Wei Jing Xin Yu Hao Ming Jun Li Min Seo Ji Hyun Yuki Haruto Sakura Kenji James Mary
  John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica
  Thomas Sarah Daniel Karen Matthew Emily Andrew Laura Stefanie Jürgen Lukas Anna Lena Jonas Sophie
  Felix Hannah Maximilian Marie José María Carmen Javier Lucía Alejandro Sofía Giulia Marco Francesca
  Luca Chiara Matteo Élodie Amélie Lucas Chloé Théo Zoë Paweł Agnieszka Tomáš Petra Ádám Zsófia Dimitris
  Eleni Sergei Olga Dmitri Natalia Anders Ingrid Søren Mette Aino Mikko Ayşe Mehmet Emre Zeynep Noa
  Yael Priya Arjun Ananya Rahul Linh Minh Thanh João Ana Beatriz Chidi Ngozi Kwame Amina Wanjiru Sinéad
  Eoin`);

/** One author: {family, given}, the family name as a bibliography writes it. */
export function author() {
  const given = pick(givens);
  const r = random();
  let family;
  if (r < 0.07) family = `${pick(PARTICLES)} ${pick(particled)}`;
  else if (r < 0.12) family = `${pick(families)}-${pick(families)}`;
  else family = zipf(families, 1.3);
  return { family, given: random() < 0.2 ? `${given[0]}.` : given };
}

/** An abstract word: function words, everyday technical words, rarer ones, Zipf-like. */
export function word() {
  const r = random();
  if (r < 0.45) return pick(common);
  if (r < 0.8) return random() < 0.5 ? zipf(nouns) : zipf(adjectives);
  return zipf(rareWords, 2);
}

function abstractText(sentences = 6 + Math.floor(random() * 6)) {
  return Array.from({ length: sentences }, (_, i) => {
    const words = Array.from({ length: 14 + Math.floor(random() * 14) }, word);
    return `${i === 0 ? 'We' : capital(words.shift())} ${words.join(' ')}.`;
  }).join(' ');
}

/** A paper as plain data: the source of every format below. */
export function paper(n) {
  return {
    id: `p${n}`,
    title: title(),
    authors: Array.from({ length: 1 + Math.floor(random() * 6) }, author),
    year: 1990 + Math.floor(random() * 36),
    month: 1 + Math.floor(random() * 12),
    day: 1 + Math.floor(random() * 28),
    abstract: abstractText(),
  };
}

/** A seed listing line (the format names no authors, only their count). */
export function listingLine(p = paper(0)) {
  return `- ${p.title} ${p.abstract} ${p.authors.length} authors · ${months[p.month - 1]} ${p.day}, ${p.year}`;
}

/** A CSL-JSON item, as Zotero exports it (particles in their own field). */
export function cslItem(p) {
  return {
    id: p.id,
    type: 'article-journal',
    title: p.title,
    author: p.authors.map(({ family, given }) => {
      const particle = PARTICLES.find((q) => family.startsWith(q + ' '));
      return particle ? { family: family.slice(particle.length + 1), 'non-dropping-particle': particle, given } : { family, given };
    }),
    issued: { 'date-parts': [[p.year, p.month, p.day]] },
    abstract: p.abstract,
  };
}

/** A BibTeX entry of realistic size (about 1 KB): accented names, LaTeX, DOI, keywords, abstract. */
export function bibEntry(n) {
  const names = Array.from({ length: 2 + Math.floor(random() * 6) }, () => {
    const { family, given } = author();
    return `${family.replace(/ü/g, '{\\"u}').replace(/é/g, "{\\'e}")}, ${given}`;
  });
  const abstract = Array.from({ length: 5 }, () => Array.from({ length: 22 }, word).join(' ') + '.').join(' ');
  return `@article{entry${n},
  author = {${names.join(' and ')}},
  title = {{${title()}}: A {S}tudy of \\emph{Things} -- Part ${n % 7}},
  journal = {Journal of ${capital(pick(nouns))}},
  year = {${1990 + (n % 35)}},
  month = ${pick(['jan', 'feb', 'mar', 'apr', 'may', 'jun'])},
  doi = {10.${1000 + (n % 9000)}/j.${n}},
  keywords = {${pick(nouns)}, ${pick(rareWords)}},
  abstract = {${abstract}}
}
`;
}
