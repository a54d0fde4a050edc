#!/usr/bin/python3
"""generate_bert_basic_golden: writes tests/golden/text/bert_basic_cases.json, the words of Hugging
Face's BertTokenizer basic tokenizer for multilingual strings, for the C++ golden test.

The algorithm below is transcribed from the definition in transformers' tokenization_bert.py
(_clean_text, _tokenize_chinese_chars, whitespace split, lower(), _run_strip_accents,
_run_split_on_punc) without its NFC step (stated in src/text/bert_basic.h), so what this checks
is the C++ Unicode handling against Python's own unicodedata and str.lower(). One case per line
with the text and each word as UTF-8 hex, so the C++ test needs no JSON parser.
Usage: /usr/bin/python3 tests/golden/text/generate_bert_basic_golden.py
"""
import os
import unicodedata


def is_whitespace(c):
    return c in " \t\n\r" or unicodedata.category(c) == "Zs"


def is_control(c):
    return c not in "\t\n\r" and unicodedata.category(c).startswith("C")


def is_punctuation(c):
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def is_chinese(cp):
    return any(lo <= cp <= hi for lo, hi in [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF),
                                             (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
                                             (0x2B820, 0x2CEAF), (0xF900, 0xFAFF),
                                             (0x2F800, 0x2FA1F)])


def basic_tokenize(text, lower, strip):
    text = "".join(" " if is_whitespace(c) else c for c in text
                   if ord(c) not in (0, 0xFFFD) and not is_control(c))
    text = "".join(f" {c} " if is_chinese(ord(c)) else c for c in text)
    out = []
    for token in text.split():
        if lower:
            token = token.lower()
        if strip:
            token = "".join(c for c in unicodedata.normalize("NFD", token)
                            if unicodedata.category(c) != "Mn")
        word = ""
        for c in token:
            if is_punctuation(c):
                if word:
                    out.append(word)
                out.append(c)
                word = ""
            else:
                word += c
        if word:
            out.append(word)
    return out


CASES = [
    " \tHeLLo!how  \n Are yoU?  ",
    "Café naïve résumé Ångström über façade Œuvre Ærø ŁÓDŹ Straße ẞ",
    "Ἀθῆναι Ελλάδα ΟΔΥΣΣΕΥΣ Москва Ёлка Їжак Қазақстан",
    "İstanbul ıI ǅungla ǈ ǋ ﬁ ﬀ",
    "中文字符测试，日本語のテキスト、한국어 텍스트 𠀋𪚲",
    "مرحبا بالعالم שָׁלוֹם नमस्ते दुनिया ภาษาไทย",
    "Ｆｕｌｌｗｉｄｔｈ！？ x² ½ Ⅻ ① ℃ ™ © € $ ^ ` ~ | \\",
    "emoji 😀👍🏽 👨‍👩‍👧 🇫🇷 ❤️ «quotes» „German“ ‘single’ — – … ·",
    "a\u00a0b\u2003c\u3000d\u2028e\u2029f\u200bg\u200dh\ufeffi\x7fj\x85k\x1cl",
    "e\u0301 a\u0308 o\u0302\u0323 \u1e69 \u0390 \u1fd3",
]


def main():
    lines = []
    for lower, strip in [(True, True), (False, False), (True, False), (False, True)]:
        for text in CASES:
            words = basic_tokenize(text, lower, strip)
            hex_words = ", ".join(f'"{w.encode().hex()}"' for w in words)
            lines.append(f'  {{"lower": {str(lower).lower()}, "strip": {str(strip).lower()}, '
                         f'"utf8_hex": "{text.encode().hex()}", "words_hex": [{hex_words}]}}')
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bert_basic_cases.json")
    with open(path, "w") as f:
        f.write('{"generator": "tests/golden/text/generate_bert_basic_golden.py (Python unicodedata '
                f'{unicodedata.unidata_version})", "cases": [\n' + ",\n".join(lines) + "\n]}\n")
    print(f"wrote {len(lines)} cases to {path}")


main()
