// generate_bpe_golden: writes tests/golden/text/bpe_cases.json, GPT-2 token ids for hard strings
// from gpt-3-encoder's own encode() (a line-by-line JS port of openai/gpt-2's encoder.py), for
// the C++ tokenizer's golden test. One case per line, with the text also as UTF-8 hex so the
// C++ test reads it without a JSON parser.
// Its regex uses JS \p{L}/\p{N} (Node's ICU) and JS \s; the C++ side follows Python's
// unicodedata and White_Space. The cases avoid the two code points where the \s sets differ
// (U+0085, U+FEFF) and this script checks that every character's letter/number/space class
// agrees with Python's (via /usr/bin/python3), so a version skew cannot slip in silently.
// Usage: node tests/golden/text/generate_bpe_golden.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { encode, decode } = require('gpt-3-encoder');

const cases = [
  'This is some text',
  '',
  ' ',
  '   leading spaces',
  'trailing spaces   ',
  'multiple   spaces  between\twords',
  'line one\nline two\n\nline four\r\n',
  '\n\n\n',
  "I'm sure they'll say it's what we've done, isn't it? He'd've. You're",
  "SHOUTING DON'T 'S 'quoted' rock'n'roll",
  'Digits 0123456789 and 3.14159, 1,000,000 and 2024-12-07',
  'Emoji 😀👍🏽 👨‍👩‍👧 🇫🇷 ❤️ ✨',
  'Accented: café naïve résumé Ångström über façade',
  'Decomposed: cafe\u0301 nai\u0308ve',
  '中文字符测试，日本語のテキスト、한국어 텍스트',
  'Mixed: Здравствуй мир, Γειά σου κόσμε, مرحبا بالعالم, שלום עולם, नमस्ते दुनिया',
  'Symbols: <|endoftext|> @#$%^&*()_+-={}[]|\\:;"<>,.?/~`',
  'Fullwidth ＡＢＣ１２３ and superscripts x² ½ Ⅻ',
  'tabs\t\tand\u00a0nbsp\u3000ideographic space',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  'https://example.com/path?query=1&x=y#frag',
  '    def f(x):\n        return x ** 2  # comment\n',
  '!!!??? ...!!! 😀😀😀',
];

// Python's view of each code point: L, N, space (White_Space) or other.
const codePoints = [...new Set(cases.join(''))].map((c) => c.codePointAt(0));
const python = execFileSync('/usr/bin/python3', [
  '-c',
  `
import sys, unicodedata
ws = set([*range(9, 14), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
for cp in map(int, sys.argv[1:]):
    cat = unicodedata.category(chr(cp))
    print('S' if cp in ws else cat[0] if cat[0] in 'LN' else 'O')
`,
  ...codePoints.map(String),
])
  .toString()
  .trim()
  .split('\n');
codePoints.forEach((cp, i) => {
  const c = String.fromCodePoint(cp);
  const js = /\s/u.test(c) ? 'S' : /\p{L}/u.test(c) ? 'L' : /\p{N}/u.test(c) ? 'N' : 'O';
  if (js !== python[i]) throw new Error(`U+${cp.toString(16)}: JS class ${js}, Python ${python[i]}`);
});

const lines = cases.map((text) => {
  const ids = encode(text);
  if (decode(ids) !== text) throw new Error(`gpt-3-encoder does not round-trip ${JSON.stringify(text)}`);
  const hex = Buffer.from(text, 'utf8').toString('hex');
  return `  {"text": ${JSON.stringify(text)}, "utf8_hex": "${hex}", "ids": [${ids.join(', ')}]}`;
});
const out = join(dirname(fileURLToPath(import.meta.url)), 'bpe_cases.json');
writeFileSync(
  out,
  `{"generator": "tests/golden/text/generate_bpe_golden.mjs (gpt-3-encoder 1.1.4)", "cases": [\n${lines.join(',\n')}\n]}\n`,
);
console.log(`wrote ${cases.length} cases to ${out}`);
