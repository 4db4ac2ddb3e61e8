// Two planted groups of papers (protein structure, graph message passing) with no topic tags, and
// a few papers on neither, written as abstracts are: pronouns, determiners and verbs around the terms.
export const proteins = [
  ['Protein Structure Prediction with Diffusion Models', 'We propose a diffusion model for protein structure prediction. It generates backbone coordinates and this approach tackles side-chain packing.'],
  ['Side-Chain Packing by Score Matching', 'This paper studies side chain packing. Our diffusion models improve protein structure prediction on the benchmark they released.'],
  ['Diffusion Models for Protein Backbones', 'They cannot sample protein backbones quickly; we show that diffusion models can, and that these protein structures fold.'],
  ['Protein Folding Kinetics from Molecular Dynamics', 'We simulate protein folding with molecular dynamics and compare the folding kinetics with protein structure prediction.'],
  ['Evolutionary Couplings in Protein Families', 'Evolutionary couplings in protein families predict contact maps, which this work uses for protein structure prediction.'],
  ['Contact Maps and Protein Folding', 'We predict contact maps from evolutionary couplings. These contact maps guide protein folding simulations with molecular dynamics.'],
  ['Generative Diffusion for Protein Design', 'This diffusion model designs protein backbones; it is tested on side-chain packing and protein folding.'],
  ['Molecular Dynamics of Protein Backbones', 'Molecular dynamics simulations of protein backbones reveal folding kinetics that they had missed.'],
];
export const graphs = [
  ['Message-Passing Neural Networks on Molecules', 'We study message passing neural networks. They aggregate node features over the graph and tackle over-smoothing.'],
  ['Oversmoothing in Graph Neural Networks', 'Deep graph neural networks suffer from over-smoothing; this paper shows message passing makes it worse for node classification.'],
  ['Equivariant Networks for Graphs', 'We build equivariant neural networks for graphs. Their message passing layers respect permutation symmetry of node features.'],
  ['Permutation Symmetry in Graph Neural Networks', 'Graph neural networks respect permutation symmetry. We show that these equivariant networks generalise in node classification.'],
  ['Attention for Message Passing', 'This attention mechanism improves message passing on large graphs; it reduces over-smoothing in node classification.'],
  ['Spectral Graph Neural Networks', 'Spectral filters give graph neural networks a frequency view; we relate them to message passing and node features.'],
  ['Equivariant Neural Networks and Node Features', 'Equivariant neural networks process node features; they are a kind of graph neural networks with permutation symmetry.'],
  ['Scalable Node Classification', 'We scale node classification with sampled message passing, and this approach limits over-smoothing of node features.'],
];
export const others = [
  ['A Survey of Sorting Algorithms', 'We compare sorting algorithms on arrays of integers and discuss their cache behaviour.'],
  ['Rainfall Patterns in Coastal Regions', 'This study measures rainfall patterns along coastal regions over a decade.'],
];
