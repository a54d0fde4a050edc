// assets: the data files the asset areas of the API read from <baseUrl>/assets/ (src/data/ in
// the repository). index.js prefetches them all on the first loadAttention(); the site builder
// (web/tools/build-site.mjs) preloads them from the HTML of pages that load the core.
export const ASSET_FILES = Object.freeze({
  vectors: 'vectors.bin', // word vectors (src/text/word_vectors.cpp)
  tagger: 'tagger.bin', // part-of-speech model (src/text/tagger.cpp)
  lexicon: 'lexicon_fr.tsv', // French -> English lexicon (src/text/lexicon.cpp)
});
