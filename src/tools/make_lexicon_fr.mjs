// make_lexicon_fr: writes src/data/lexicon_fr.tsv, the French -> English lexicon, from the
// hand-written lemma lists in lexicon_fr_lists.mjs and French inflection rules (noun plurals,
// adjective gender/number, present tense of regular -er/-ir/-re verbs, past participles).
// Irregular forms are listed in full. When two lemmas give the same form (suis: être/suivre),
// the first listed wins: function words, then être/avoir, nouns, adjectives, verbs.
// Deterministic: the same lists always give the same bytes.
//   node src/tools/make_lexicon_fr.mjs > src/data/lexicon_fr.tsv
// It does not check that glosses are in the word-vector vocabulary (the Catch2/JS tests do that
// against the committed vectors when they are present); every gloss is a common English word.
import { FUNCTION_WORDS, NOUNS, ADJECTIVES, ER_VERBS, IR_VERBS, RE_VERBS, IRREGULAR_VERBS } from './lexicon_fr_lists.mjs';

const rows = new Map(); // form -> [gloss, tag, features]
function add(form, gloss, tag, features = '_') {
  if (!form || rows.has(form)) return;
  if (/\s/.test(form) || /\s/.test(gloss)) throw new Error(`make_lexicon_fr: whitespace in "${form}" / "${gloss}"`);
  rows.set(form, [gloss, tag, features]);
}
const lines = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'));

// pass 1: function words, as "form gloss TAG [features]"
for (const line of lines(FUNCTION_WORDS)) {
  const [form, gloss, tag, features] = line.split(/\s+/);
  add(form, gloss, tag, features);
}

// pass 2: être and avoir first (été = been, not summer), then nouns and adjectives
const irregular = lines(IRREGULAR_VERBS).map((line) => {
  const [head, ...forms] = line.split(/\s*;\s*/);
  const [infinitive, gloss, tag = 'VERB'] = head.split(/\s+/);
  return { infinitive, gloss, tag, forms };
});
function addIrregular(verb) {
  add(verb.infinitive, verb.gloss, verb.tag, 'Inf');
  const labels = ['Pres|1sg', 'Pres|2sg', 'Pres|3sg', 'Pres|1pl', 'Pres|2pl', 'Pres|3pl'];
  verb.forms.forEach((group, i) => {
    const label = i < labels.length ? labels[i] : 'Other';
    for (const form of group.split(/\s+/).filter(Boolean)) {
      if (form.includes('=')) {
        const [f, feat] = form.split('=');
        add(f, verb.gloss, verb.tag, feat);
      } else {
        add(form, verb.gloss, verb.tag, label);
      }
    }
  });
}
irregular.filter((v) => v.tag === 'AUX').forEach(addIrregular);

function nounPlural(s) {
  if (/[sxz]$/.test(s)) return s;
  if (/(au|eu)$/.test(s) && !/(pneu|bleu)$/.test(s)) return `${s}x`;
  if (/al$/.test(s) && !/(bal|festival|carnaval|chacal|récital)$/.test(s)) return `${s.slice(0, -2)}aux`;
  if (/^(bijou|caillou|chou|genou|hibou|joujou|pou)$/.test(s)) return `${s}x`;
  if (s === 'travail' || s === 'vitrail') return `${s.slice(0, -3)}aux`;
  return `${s}s`;
}
for (const line of lines(NOUNS)) {
  const [form, gloss, gender, plural] = line.split(/\s+/);
  const g = gender === 'f' ? 'Fem' : 'Masc';
  if (plural === '-') {
    add(form, gloss, 'NOUN', `${g}|Plur`); // plural-only nouns (gens, vacances)
    continue;
  }
  add(form, gloss, 'NOUN', `${g}|Sing`);
  add(plural || nounPlural(form), gloss, 'NOUN', `${g}|Plur`);
}

function adjFeminine(m) {
  if (/e$/.test(m)) return m;
  if (/eux$/.test(m)) return `${m.slice(0, -1)}se`;
  if (/if$/.test(m)) return `${m.slice(0, -1)}ve`;
  if (/(el|eil|en|on)$/.test(m)) return `${m}${m.slice(-1)}e`;
  if (/er$/.test(m)) return `${m.slice(0, -2)}ère`;
  return `${m}e`;
}
function adjPlural(s) {
  if (/[sx]$/.test(s)) return s;
  if (/eau$/.test(s)) return `${s}x`;
  if (/al$/.test(s)) return `${s.slice(0, -2)}aux`;
  return `${s}s`;
}
for (const line of lines(ADJECTIVES)) {
  // "masc gloss [fem] [mascPlural] [extra forms...]"; '.' keeps the rule's choice
  const [m, gloss, fem, mp, ...extra] = line.split(/\s+/);
  const f = fem && fem !== '.' ? fem : adjFeminine(m);
  add(m, gloss, 'ADJ', 'Masc|Sing');
  add(f, gloss, 'ADJ', m === f ? 'Sing' : 'Fem|Sing');
  add(mp && mp !== '.' ? mp : adjPlural(m), gloss, 'ADJ', m === f ? 'Plur' : 'Masc|Plur');
  add(`${f}s`.replace(/ss$/, 's'), gloss, 'ADJ', m === f ? 'Plur' : 'Fem|Plur');
  for (const form of extra) add(form, gloss, 'ADJ', 'Masc|Sing');
}

// pass 3: verbs. Irregular ones in full, then the regular conjugations.
irregular.filter((v) => v.tag !== 'AUX').forEach(addIrregular);

function addParticiple(stem, gloss) {
  add(stem, gloss, 'VERB', 'Part|Masc|Sing');
  add(`${stem}e`, gloss, 'VERB', 'Part|Fem|Sing');
  add(`${stem}s`.replace(/ss$/, 's'), gloss, 'VERB', 'Part|Masc|Plur');
  add(`${stem}es`, gloss, 'VERB', 'Part|Fem|Plur');
}
for (const line of lines(ER_VERBS)) {
  const [infinitive, gloss] = line.split(/\s+/);
  const stem = infinitive.slice(0, -2);
  // nous mangeons, nous commençons: keep the soft g / c before o
  const nousStem = stem.endsWith('g') ? `${stem}e` : stem.endsWith('c') ? `${stem.slice(0, -1)}ç` : stem;
  add(infinitive, gloss, 'VERB', 'Inf');
  add(`${stem}e`, gloss, 'VERB', 'Pres|1sg|3sg');
  add(`${stem}es`, gloss, 'VERB', 'Pres|2sg');
  add(`${nousStem}ons`, gloss, 'VERB', 'Pres|1pl');
  add(`${stem}ez`, gloss, 'VERB', 'Pres|2pl');
  add(`${stem}ent`, gloss, 'VERB', 'Pres|3pl');
  addParticiple(`${stem}é`, gloss);
}
for (const line of lines(IR_VERBS)) {
  const [infinitive, gloss] = line.split(/\s+/);
  const stem = infinitive.slice(0, -2);
  add(infinitive, gloss, 'VERB', 'Inf');
  add(`${stem}is`, gloss, 'VERB', 'Pres|1sg|2sg');
  add(`${stem}it`, gloss, 'VERB', 'Pres|3sg');
  add(`${stem}issons`, gloss, 'VERB', 'Pres|1pl');
  add(`${stem}issez`, gloss, 'VERB', 'Pres|2pl');
  add(`${stem}issent`, gloss, 'VERB', 'Pres|3pl');
  addParticiple(`${stem}i`, gloss);
}
for (const line of lines(RE_VERBS)) {
  const [infinitive, gloss] = line.split(/\s+/);
  const stem = infinitive.slice(0, -2);
  add(infinitive, gloss, 'VERB', 'Inf');
  add(`${stem}s`, gloss, 'VERB', 'Pres|1sg|2sg');
  add(stem, gloss, 'VERB', 'Pres|3sg');
  add(`${stem}ons`, gloss, 'VERB', 'Pres|1pl');
  add(`${stem}ez`, gloss, 'VERB', 'Pres|2pl');
  add(`${stem}ent`, gloss, 'VERB', 'Pres|3pl');
  addParticiple(`${stem}u`, gloss);
}

const out = [
  '# lexicon_fr.tsv: GENERATED by `node src/tools/make_lexicon_fr.mjs > src/data/lexicon_fr.tsv`; edit the lists, not this file.',
  '# French word forms (lower case, accents kept) -> English lemma, Universal POS tag, features.',
  '# Written by hand for Attention Playground (MIT licence); no external source.',
  'form\tgloss\ttag\tfeatures',
];
for (const [form, [gloss, tag, features]] of rows) {
  if (form !== form.toLowerCase()) throw new Error(`make_lexicon_fr: "${form}" is not lower case`);
  out.push(`${form}\t${gloss}\t${tag}\t${features}`);
}
process.stdout.write(`${out.join('\n')}\n`);
process.stderr.write(`make_lexicon_fr: ${rows.size} forms\n`);
