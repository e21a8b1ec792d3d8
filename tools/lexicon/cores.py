#!/usr/bin/env python3
"""The character an English word's renderings share, from data/cedict-en.tsv: the Chinese
morpheme of the word (shortage: 短缺, 奇缺, 缺油, 缺水 → 缺; race: 竞赛, 赛跑, 赛车… → 赛;
fee → 费). `word<TAB>character`, sorted by the word's UTF-8 bytes, as verbatim's other tables;
it looks a word's character up only when the forum has none of the word's renderings.

A word's renderings are its own and those of the two-word glosses it is part of (water
shortage, arms race), two characters or more. The character must be in half of them and in
three at least, not be a rendering of the word on its own already, and be in at most
MAX_WORDS_A_CHARACTER words of the whole table: a character of many words (子, 人, 学, 电, 者)
is an affix or too common a morpheme to stand for one word.

Run: python3 tools/lexicon/cores.py data/cedict-en.tsv > data/cedict-cores.tsv
"""
import sys
from collections import Counter, defaultdict

MAX_WORDS_A_CHARACTER = 300

renderings = {}
with open(sys.argv[1], encoding="utf-8") as table:
    for line in table:
        gloss, words = line.rstrip("\n").split("\t")
        renderings[gloss] = [word for word in words.split(" ") if word]

words_of_the_table = {word for words in renderings.values() for word in words if len(word) >= 2}
words_a_character = Counter(c for word in words_of_the_table for c in set(word))

compounds = defaultdict(list)
for gloss in renderings:
    parts = gloss.split(" ")
    if len(parts) == 2:
        for part in parts:
            compounds[part].append(gloss)

cores = {}
for word in set(renderings) | set(compounds):
    if " " in word:
        continue
    own = renderings.get(word, [])
    pool = set(own)
    for gloss in compounds.get(word, []):
        pool.update(renderings[gloss])
    pool = [rendering for rendering in pool if len(rendering) >= 2]
    if len(pool) < 3:
        continue
    counts = Counter(c for rendering in pool for c in set(rendering))
    # The commonest, and among as common the one in fewest words of the table, then by code.
    character, count = min(
        counts.items(), key=lambda item: (-item[1], words_a_character[item[0]], item[0])
    )
    if (
        count * 2 >= len(pool)
        and count >= 3
        and character not in own
        and words_a_character[character] <= MAX_WORDS_A_CHARACTER
    ):
        cores[word] = character

for word in sorted(cores, key=lambda w: w.encode("utf-8")):
    sys.stdout.write(f"{word}\t{cores[word]}\n")
